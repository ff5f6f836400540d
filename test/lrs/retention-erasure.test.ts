/**
 * The data an LRS keeps, as an operator manages it with the CLI: retention drops whole months
 * (PostgreSQL), erasure removes one learner (statements, documents) and logs only the counts
 * (PostgreSQL and SQLite).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { ensureMonths } from '../../src/lrs/store/postgres/partitions.js';
import { reportFactsStep } from '../../src/lrs/store/postgres/report-facts.js';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import { agentParam, statement, testLrs } from './http-fixture.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';
import { monthsAgo, operatorBench, storeTargets } from './data-cli.js';

const bench = operatorBench('bd-lrs-data-');
const { dir, schemas, cli } = bench;

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

/** Statements stored in past months, written as the writer writes them (the writer stamps only "now"), with their report facts. */
async function storedIn(store: PostgresStore, month: string, count: number): Promise<void> {
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await ensureMonths(client, [month]);
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const stored = `${month}-1${i}T08:00:00.000Z`;
      const body = JSON.stringify({ id, month, stored, actor: { mbox: 'mailto:hv@xa.example' }, verb: { id: COMPLETED }, object: { id: AU }, timestamp: stored });
      const { rows } = await client.query<{ seq: string }>(
        `INSERT INTO statements (stored, id, verb_id, body) VALUES ($1, $2, '${COMPLETED}', $3) RETURNING seq`,
        [stored, id, body],
      );
      await client.query('INSERT INTO statement_ids (id, stored, seq) VALUES ($1, $2, $3)', [id, stored, rows[0]!.seq]);
      await client.query(`INSERT INTO statement_agents (stored, seq, agent_key, direct) VALUES ($1, $2, 'mbox:mailto:hv@xa.example', true)`, [stored, rows[0]!.seq]);
      const facts = reportFactsStep([{ body }])!;
      await client.query(facts.sql, facts.params as unknown[]);
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const months = async (store: PostgresStore) => (await store.queryStatements({ limit: 100, ascending: true })).bodies.map((b) => (JSON.parse(b) as { month?: string }).month ?? 'now');

describe('boiduong lrs retention (PostgreSQL)', () => {
  it('shows the whole months older than the age, then drops them with --apply, keeping the rest', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1 });
    try {
      const [old4, old3, old1] = [monthsAgo(4), monthsAgo(3), monthsAgo(1)];
      await storedIn(store, old4, 2);
      await storedIn(store, old3, 3);
      await storedIn(store, old1, 1);
      const flags = ['--store', 'postgres', '--pg', PG_URL, '--pg-schema', schema];

      const dry = await cli('lrs', 'retention', '--older-than', '2m', ...flags);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain(`${old4}\t2\n${old3}\t3\n`);
      expect(dry.out).toContain('Sẽ xóa 2 tháng, 5 bản ghi xAPI');
      expect(dry.out).toContain('--apply');
      expect(await months(store)).toEqual([old4, old4, old3, old3, old3, old1]);

      const done = await cli('lrs', 'retention', '--older-than', '2m', '--apply', '--lang', 'en', ...flags);
      expect(done.code).toBe(0);
      expect(done.out).toContain('Dropped 2 months, 5 statements');
      expect(await months(store)).toEqual([old1]);
      const { rows } = await store.pool.query<{ n: string; facts: string }>('SELECT (SELECT count(*) FROM statement_ids) AS n, (SELECT count(*) FROM report_facts) AS facts');
      // The dropped months' report facts went with them: a report over the store counts what it keeps.
      expect(rows[0]).toEqual({ n: '1', facts: '1' });
      const { rows: left } = await store.pool.query<{ name: string }>("SELECT relname AS name FROM pg_class WHERE relname LIKE 'statement%_y%' OR relname LIKE 'report_facts_y%' ORDER BY 1");
      expect(left.map((r) => r.name).some((n) => n.endsWith(`_y${old4.replace('-', 'm').slice(0, 4)}m${old4.slice(5)}`))).toBe(false);
      // The store goes on writing.
      const id = randomUUID();
      await store.insertStatements([{ id, stored: new Date().toISOString(), body: JSON.stringify({ id }), verbId: 'v', agents: [], activities: [] }], []);
      expect(await months(store)).toEqual([old1, 'now']);

      const bad = await cli('lrs', 'retention', '--older-than', 'two years', ...flags);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--older-than 24m');
    } finally {
      await store.close();
    }
  });

});

describe('boiduong lrs retention (SQLite)', () => {
  it('deletes the whole months older than the age with --apply, with their index rows', async () => {
    const data = mkdtempSync(join(dir, 'sqlite-retention-'));
    const [old4, old1] = [monthsAgo(4), monthsAgo(1)];
    const seed = SqliteStore.open({ dataDir: data, writeInPlace: true });
    const rows = [old4, old4, old1].map((month, i) => {
      const id = randomUUID();
      const stored = `${month}-1${i}T08:00:00.000Z`;
      return { id, stored, body: JSON.stringify({ id, month, stored }), verbId: 'v', agents: [{ key: 'mbox:mailto:hv@xa.example', direct: true }], activities: [{ id: 'https://boiduong.example/q', direct: true }] };
    });
    await seed.insertStatements(rows, []);
    await seed.close();

    const dry = await cli('lrs', 'retention', '--older-than', '2m', '--data', data);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`${old4}\t2\n`);
    expect(dry.out).toContain('Sẽ xóa 1 tháng, 2 bản ghi xAPI');
    const done = await cli('lrs', 'retention', '--older-than', '2m', '--apply', '--data', data);
    expect(done.code).toBe(0);
    expect(done.out).toContain('Đã xóa 1 tháng, 2 bản ghi xAPI');

    const store = SqliteStore.open({ dataDir: data, writeInPlace: true });
    try {
      const left = async (q: object) => (await store.queryStatements({ limit: 10, ...q })).bodies.map((b) => (JSON.parse(b) as { month: string }).month);
      expect(await left({})).toEqual([old1]);
      expect(await left({ agentKey: 'mbox:mailto:hv@xa.example' })).toEqual([old1]);
      expect(await left({ activityId: 'https://boiduong.example/q' })).toEqual([old1]);
      expect((await store.statementsByIds([rows[0]!.id])).size).toBe(0);
    } finally {
      await store.close();
    }
  });
});

const A = { objectType: 'Agent', name: 'Trần Thị Bình', mbox: 'mailto:hv-a@xa.example' };
const B = { objectType: 'Agent', name: 'Lê Văn Cường', mbox: 'mailto:hv-b@xa.example' };
const C = { objectType: 'Agent', name: 'Phạm Văn Dũng', account: { homePage: 'https://boiduong.example', name: 'hv-c' } };
const GV = { objectType: 'Agent', name: 'Giảng viên', mbox: 'mailto:gv@xa.example' };
const AU = 'https://boiduong.example/au/1';

const targets = storeTargets(bench);

describe.each(Object.keys(targets) as (keyof typeof targets)[])('boiduong lrs erase (%s)', (name) => {
  it("deletes a learner's statements and documents, anonymises where they are only mentioned, logs counts only", async () => {
    const target = targets[name]();
    const t = await testLrs(target.options);
    const flags = target.flags;
    try {
      const post = async (s: Record<string, unknown>) => expect((await t.call('POST', '/statements', { body: s })).status).toBe(200);
      await post(statement({ actor: A }));
      await post(statement({ actor: A, context: { instructor: GV } }));
      await post(statement({ actor: A }));
      await post(statement({ actor: B }));
      await post(statement({ actor: B, context: { instructor: A } }));
      await post(statement({ actor: GV, verb: { id: 'http://adlnet.gov/expapi/verbs/mentored' }, object: A }));
      await post(statement({ actor: C }));
      await post(statement({ actor: C }));
      const state = (agent: unknown) => `/activities/state?activityId=${encodeURIComponent(AU)}&agent=${agentParam(agent)}&stateId=resume`;
      expect((await t.call('PUT', state(A), { body: { page: 3 } })).status).toBe(204);
      expect((await t.call('PUT', state(B), { body: { page: 1 } })).status).toBe(204);
      expect((await t.call('PUT', `/agents/profile?agent=${agentParam(A)}&profileId=prefs`, { body: { lang: 'vi' }, headers: { 'if-none-match': '*' } })).status).toBe(204);
      const byAgent = async (agent: unknown, related = false) =>
        (await t.call('GET', `/statements?agent=${agentParam(agent)}${related ? '&related_agents=true' : ''}`)).json<{ statements: unknown[] }>().statements;

      const dry = await cli('lrs', 'erase', '--agent', 'mailto:hv-a@xa.example', ...flags);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('Sẽ xóa 3 bản ghi xAPI của học viên, thay học viên bằng tài khoản ẩn danh trong 2 bản ghi');
      expect(await byAgent(A)).toHaveLength(4);

      const done = await cli('lrs', 'erase', '--agent', JSON.stringify(A), '--by', 'Nguyễn Văn Tổ', '--reference', 'Đơn số 12/2026', '--apply', ...flags);
      expect(done.code).toBe(0);
      expect(done.out).toContain('Đã xóa 3 bản ghi xAPI, thay học viên bằng tài khoản ẩn danh trong 2 bản ghi, xóa 2 tài liệu');
      expect(done.err).toContain('statements_deleted=3 statements_rewritten=2 documents_deleted=2');
      expect(done.err).not.toContain('hv-a');

      expect(await byAgent(A, true)).toEqual([]);
      expect(await byAgent(B)).toHaveLength(2);
      const all = (await t.call('GET', '/statements?limit=100')).text;
      expect(all).not.toContain('hv-a');
      expect(all).not.toContain('Trần Thị Bình');
      const mentored = (await t.call('GET', `/statements?agent=${agentParam(GV)}`)).json<{ statements: { object: { account?: { homePage: string } } }[] }>().statements;
      expect(mentored[0]!.object.account?.homePage).toBe('https://erased.boiduong.invalid');
      expect((await t.call('GET', state(A))).status).toBe(404);
      expect((await t.call('GET', state(B))).status).toBe(200);
      expect((await t.call('GET', `/agents/profile?agent=${agentParam(A)}&profileId=prefs`)).status).toBe(404);

      // --anonymise keeps C's statements for the reports, under an account that names nobody.
      const anon = await cli('lrs', 'erase', '--agent', JSON.stringify(C), '--anonymise', '--apply', '--by', 'Nguyễn Văn Tổ', ...flags);
      expect(anon.code).toBe(0);
      expect(await byAgent(C, true)).toEqual([]);
      const kept = (await t.call('GET', '/statements?limit=100')).json<{ statements: { actor: { account?: { homePage: string; name: string }; name?: string } }[] }>().statements;
      const anonymous = kept.filter((s) => s.actor.account?.homePage === 'https://erased.boiduong.invalid');
      expect(anonymous).toHaveLength(2);
      expect(anonymous[0]!.actor.name).toBeUndefined();
      expect(new Set(anonymous.map((s) => s.actor.account!.name)).size).toBe(1);

      const store = await target.open();
      try {
        if (target.kind === 'postgres') {
          // The report facts (PostgreSQL's reports read them) follow: A's gone, C's anonymised (the
          // statement about A as an Agent object has none: a report reads activities only).
          const actors = (await target.select<{ actor: string }>('SELECT actor FROM report_facts ORDER BY stored, seq')).map((r) => r.actor);
          expect(actors).toHaveLength(4);
          expect(actors.filter((a) => a === 'mailto:hv-b@xa.example')).toHaveLength(2);
          expect(actors.filter((a) => a === anonymous[0]!.actor.account!.name)).toHaveLength(2);
          expect(JSON.stringify(actors)).not.toMatch(/hv-a|hv-c/);
        }
        const log = await store.erasure.erasureLog();
        expect(log.map(({ at: _at, ...rest }) => rest)).toEqual([
          { operator: 'Nguyễn Văn Tổ', reference: 'Đơn số 12/2026', mode: 'delete', statementsDeleted: 3, statementsRewritten: 2, documentsDeleted: 2, attachmentsDeleted: 0 },
          { operator: 'Nguyễn Văn Tổ', reference: '', mode: 'anonymise', statementsDeleted: 0, statementsRewritten: 2, documentsDeleted: 0, attachmentsDeleted: 0 },
        ]);
        expect(JSON.stringify(await target.select('SELECT * FROM erasures'))).not.toMatch(/hv-a|hv-c|Bình|Dũng/);
      } finally {
        await store.close();
      }

      const bad = await cli('lrs', 'erase', '--agent', '{"name":"no identifier"}', ...flags);
      expect(bad.code).toBe(2);
    } finally {
      await t.close();
    }
  });
});
