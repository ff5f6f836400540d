/**
 * A writer does not check again, for a few seconds, a definition it has just merged when a
 * statement repeats it (settled-definitions.ts). What that may change, and only within the
 * bound: a different definition of the activity merged through another node in the meantime is
 * kept. Within one node every change is merged, a failed write remembers nothing, and after
 * the bound a repeated definition is merged again. Two stores on one schema are two nodes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { StatementRow } from '../../src/lrs/store/store.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const BOUND_MS = 400;
const opened: PostgresStore[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
  for (const s of schemas) await dropSchema(PG_URL, s);
});

async function twoNodes(): Promise<[PostgresStore, PostgresStore]> {
  const schema = freshSchemaName();
  schemas.push(schema);
  const open = () => PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1, rollupFoldMs: 0, settledDefinitionsMs: BOUND_MS });
  const a = await open();
  const b = await open();
  opened.push(a, b);
  return [a, b];
}

/** A statement about `activity` carrying its definition, as the service hands it to the store. */
function row(activity: string, definition: Record<string, unknown>, id = randomUUID()): StatementRow {
  const verbId = 'http://adlnet.gov/expapi/verbs/experienced';
  const body = JSON.stringify({ id, actor: { mbox: 'mailto:hv@xa.example' }, verb: { id: verbId }, object: { id: activity, definition }, timestamp: new Date().toISOString() });
  return { id, stored: new Date().toISOString(), body, verbId, agents: [], activities: [{ id: activity, direct: true }], definitions: [{ id: activity, definition }] };
}

const OLD = { name: { vi: 'Tiếp công dân' } };
const NEW = { name: { vi: 'Tiếp công dân (2026)' }, description: { vi: 'Bản cập nhật' } };
const activityId = () => `https://boiduong.example/course/c1/tinh-huong-${randomUUID()}`;

describe('PostgreSQL writer: definitions merged lately', () => {
  it('keeps, within the bound, another node’s change over a definition this node repeats, and merges the repeat after the bound', async () => {
    const [a, b] = await twoNodes();
    const activity = activityId();
    await a.insertStatements([row(activity, OLD)], []);
    await b.insertStatements([row(activity, NEW)], []);
    expect(await a.getActivityDefinition(activity)).toEqual(NEW);
    // Node A merged OLD a moment ago: the repeat is not checked, node B's change stays.
    await a.insertStatements([row(activity, OLD)], []);
    expect(await b.getActivityDefinition(activity)).toEqual(NEW);
    await new Promise((r) => setTimeout(r, BOUND_MS + 100));
    await a.insertStatements([row(activity, OLD)], []);
    expect(await b.getActivityDefinition(activity)).toEqual({ ...NEW, name: OLD.name });
  });

  it('merges every change made through one node, each at once', async () => {
    const [a] = await twoNodes();
    const activity = activityId();
    await a.insertStatements([row(activity, OLD)], []);
    await a.insertStatements([row(activity, NEW)], []);
    expect(await a.getActivityDefinition(activity)).toEqual(NEW);
    await a.insertStatements([row(activity, OLD)], []);
    expect(await a.getActivityDefinition(activity)).toEqual({ ...NEW, name: OLD.name });
  });

  it('remembers nothing of a write that failed', async () => {
    const [a, b] = await twoNodes();
    const activity = activityId();
    const taken = randomUUID();
    await a.insertStatements([row(activityId(), OLD, taken)], []);
    // The id is already stored: the write fails, its definition with it.
    await expect(a.insertStatements([row(activity, OLD, taken)], [])).rejects.toThrow();
    expect(await a.getActivityDefinition(activity)).toBeUndefined();
    await b.insertStatements([row(activity, NEW)], []);
    await a.insertStatements([row(activity, OLD)], []);
    expect(await a.getActivityDefinition(activity)).toEqual({ ...NEW, name: OLD.name });
  });
});
