/**
 * A write sent in one round trip, or executed as a prepared statement, stores every value as the
 * parameterised statement would.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inlined, PreparedSteps } from '../../src/lrs/store/postgres/sql-step.js';
import { PG_URL } from './contract/postgres-fixture.js';

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

it('writes hostile strings, numbers, nulls, booleans and bytes as the values themselves', async () => {
  const step = {
    sql: 'SELECT $1::text[] AS texts, $2::float8[] AS marks, $3::boolean[] AS flags, $4::bytea AS bytes, $5::uuid[] AS none, $1::text[] AS again',
    params: [
      [`it's`, 'back\\slash', "\\'; DROP TABLE x; --", '$1 $2', 'Tiếng Việt \u{1F600}', '{"a":"\\u0000"}', '', null],
      [7.5, -0.25, 1e-7, null],
      [true, false, null],
      Buffer.from([0, 1, 92, 39, 255]),
      [],
    ],
  };
  const inline = (await client.query(inlined(step))).rows[0] as Record<string, unknown>;
  const bound = (await client.query(step.sql, step.params as unknown[])).rows[0] as Record<string, unknown>;
  expect(inline).toEqual(bound);
  expect(inline['texts']).toEqual(step.params[0]);
  expect(inline['marks']).toEqual([7.5, -0.25, 1e-7, null]);
});

it('refuses a value SQL cannot hold rather than writing something else', () => {
  expect(() => inlined({ sql: 'SELECT $1::float8', params: [Number.NaN] })).toThrow(/NaN/);
  expect(() => inlined({ sql: 'SELECT $2', params: [1] })).toThrow(/\$2/);
});

it('executes with hostile strings, numbers, nulls, booleans and bytes as the values themselves', async () => {
  const steps = new PreparedSteps();
  const step = {
    sql: 'SELECT $1::text[] AS texts, $2::float8[] AS marks, $3::boolean[] AS flags, $4::bytea AS bytes, $5::uuid[] AS none, $6::bytea[] AS blobs, $7::timestamptz AS at, $1::text[] AS again',
    params: [
      [`it's`, 'back\\slash', "\\'; DROP TABLE x; --", '$1 $2', 'Tiếng Việt \u{1F600}', '{"a":"\\u0000"}', '', null, 'NULL', '"quoted"', '\u0001'],
      [7.5, -0.25, 1e-7, null],
      [true, false, null],
      Buffer.from([0, 1, 92, 39, 255]),
      [],
      [Buffer.from([92, 120]), null],
      null,
    ],
  };
  await client.query(steps.preparation(step));
  const prepared = (await client.query(steps.executed(step))).rows[0] as Record<string, unknown>;
  const bound = (await client.query(step.sql, step.params as unknown[])).rows[0] as Record<string, unknown>;
  expect(prepared).toEqual(bound);
  expect(prepared['texts']).toEqual(step.params[0]);
});

it('refuses a step whose parameter has no cast to say its type', () => {
  expect(() => new PreparedSteps().executed({ sql: 'SELECT $1', params: [1] })).toThrow(/\$1/);
});
