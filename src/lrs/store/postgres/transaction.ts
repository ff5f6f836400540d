/**
 * One transaction around a piece of work: committed when the work returns, rolled back when it
 * throws (the work's error is the one that surfaces, never the rollback's).
 */
import type { Pool, PoolClient } from 'pg';

/** The work in a transaction on a connection the caller holds; `begin` may set its isolation. */
export async function transactionOn<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** The work in a transaction on a connection of the pool, given back to the pool afterwards. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await transactionOn(client, work);
  } finally {
    client.release();
  }
}
