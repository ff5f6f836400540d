/** A fresh PostgreSQL schema per test run, dropped afterwards. */
import { randomBytes } from 'node:crypto';

export const PG_URL = process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function freshSchemaName(): string {
  return `bd_test_${randomBytes(6).toString('hex')}`;
}
