/**
 * Attachment contents follow the statements that list them: erasing a learner deletes the
 * contents only their statements listed (an essay, their signatures), keeps the ones another
 * learner's statements list too, and takes the signature off a statement it rewrites (the JWS
 * holds the learner's identifier); retention deletes the contents of the months it drops.
 * PostgreSQL and SQLite, through the HTTP LRS and the CLI as an operator runs them.
 */
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { ensureMonths } from '../../src/lrs/store/postgres/partitions.js';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import { SIGNATURE_USAGE, sha256Hex } from '../../src/lrs/service/attachments.js';
import { testLrs } from './http-fixture.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';
import { monthsAgo, operatorBench, storeTargets } from './data-cli.js';

const bench = operatorBench('bd-lrs-attachments-');
const { dir, schemas, cli } = bench;

const boundary = 'bd-erasure-boundary';

function multipart(statement: unknown, parts: readonly Buffer[]): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`)];
  for (const body of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256Hex(body)}\r\n\r\n`), body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const A = { objectType: 'Agent', name: 'Trần Thị Bình', mbox: 'mailto:hv-a@xa.example' };
const B = { objectType: 'Agent', name: 'Lê Văn Cường', mbox: 'mailto:hv-b@xa.example' };
const GV = { objectType: 'Agent', name: 'Giảng viên', mbox: 'mailto:gv@xa.example' };
const ESSAY = 'https://boiduong.example/attachments/thu-hoach';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const attachment = (usageType: string, content: Buffer) => ({ usageType, display: { vi: 'tệp' }, contentType: 'application/octet-stream', length: content.length, sha2: sha256Hex(content) });

function statementOf(actor: object, extra: Record<string, unknown> = {}): { id: string; [k: string]: unknown } {
  return {
    id: randomUUID(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
    object: { objectType: 'Activity', id: 'https://boiduong.example/au/tinh-huong-1' },
    timestamp: new Date().toISOString(),
    ...extra,
  };
}

/** A statement signed as xAPI's signature attachment says: the JWS payload is the statement. */
function signed(s: { id: string; [k: string]: unknown }): { statement: unknown; jws: Buffer } {
  const h = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
  const p = Buffer.from(JSON.stringify(s)).toString('base64url');
  const jws = Buffer.from(`${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`);
  return { statement: { ...s, attachments: [attachment(SIGNATURE_USAGE, jws)] }, jws };
}

const targets = storeTargets(bench);

describe.each(Object.keys(targets) as (keyof typeof targets)[])('boiduong lrs erase, attachments (%s)', (name) => {
  it('deletes the contents only the learner listed and their signatures, keeps what others list, and unsigns a rewritten statement', async () => {
    const target = targets[name]();
    const contents = async () => (await target.select<{ sha2: string }>('SELECT sha2 FROM attachments ORDER BY sha2')).map((r) => r.sha2);
    const t = await testLrs(target.options);
    const auth = await t.auth(['all']);
    const post = async (s: unknown, parts: readonly Buffer[]) => {
      const r = await fetch(`${t.lrs.url}/statements`, {
        method: 'POST',
        headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': `multipart/mixed; boundary=${boundary}` },
        body: new Uint8Array(multipart(s, parts)),
      });
      expect(r.status, await r.text()).toBe(200);
    };
    try {
      const essayA = Buffer.from('Bài thu hoạch của đồng chí Bình: xử lý đơn thư tại xã.');
      const form = Buffer.from('Mẫu biên bản dùng chung (PDF giả lập)');
      await post(statementOf(A, { attachments: [attachment(ESSAY, essayA)] }), [essayA]);
      await post(statementOf(A, { attachments: [attachment(ESSAY, form)] }), [form]);
      const ofB = statementOf(B, { attachments: [attachment(ESSAY, form)] });
      await post(ofB, [form]);
      const mine = signed(statementOf(A));
      await post(mine.statement, [mine.jws]);
      // The instructor's statement names A: it is kept, rewritten, and its signature goes.
      const aboutA = statementOf(GV, { context: { instructor: A } });
      const theirs = signed(aboutA);
      await post(theirs.statement, [theirs.jws]);
      expect(await contents()).toEqual([essayA, form, mine.jws, theirs.jws].map(sha256Hex).sort());

      const done = await cli('lrs', 'erase', '--agent', 'mailto:hv-a@xa.example', '--by', 'Nguyễn Văn Tổ', '--apply', ...target.flags);
      expect(done.code, done.err).toBe(0);
      expect(done.out).toContain('Đã xóa 3 bản ghi xAPI, thay học viên bằng tài khoản ẩn danh trong 1 bản ghi, xóa 0 tài liệu và 3 tệp đính kèm');
      expect(done.err).toContain('attachments_deleted=3');
      expect(await contents()).toEqual([sha256Hex(form)]);

      const get = async (id: string, attachments = true) =>
        fetch(`${t.lrs.url}/statements?statementId=${id}&attachments=${attachments}`, { headers: { authorization: auth, 'x-experience-api-version': '1.0.3' } });
      // B's statement still comes with the content it shares with A's deleted one.
      const b = await get(ofB.id);
      expect(b.status).toBe(200);
      expect(Buffer.from(await b.arrayBuffer()).includes(form)).toBe(true);
      // The rewritten statement answers without the signature (whose payload named A) and without A.
      const kept = await get(aboutA.id, false);
      expect(kept.status).toBe(200);
      const text = await kept.text();
      expect(kept.headers.get('content-type')).toMatch(/^application\/json/);
      const body = JSON.parse(text) as { attachments?: unknown; context: { instructor: { account?: { homePage: string } } } };
      expect(body.attachments).toBeUndefined();
      expect(body.context.instructor.account?.homePage).toBe('https://erased.boiduong.invalid');
      expect(text).not.toContain('hv-a');

      const again = await cli('lrs', 'erase', '--agent', 'mailto:hv-b@xa.example', '--by', 'Nguyễn Văn Tổ', '--apply', '--lang', 'en', ...target.flags);
      expect(again.out).toContain('deleted 0 documents and 1 attachments');
      expect(await contents()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

const old = monthsAgo(4);
const OLD_ONLY = Buffer.from('chỉ bản ghi cũ dùng');
const SHARED = Buffer.from('bản ghi cũ và mới cùng dùng');
/** Two statements of four months ago and one of now; the old list both contents, the new one only SHARED. */
const retentionRows = () =>
  [
    { stored: `${old}-10T08:00:00.000Z`, attachments: [sha256Hex(OLD_ONLY), sha256Hex(SHARED)] },
    { stored: `${old}-11T08:00:00.000Z`, attachments: [sha256Hex(OLD_ONLY)] },
    { stored: new Date().toISOString(), attachments: [sha256Hex(SHARED)] },
  ].map((r) => {
    const id = randomUUID();
    return { id, stored: r.stored, body: JSON.stringify({ id, stored: r.stored }), verbId: 'v', agents: [], activities: [], attachments: r.attachments };
  });
const contents = [OLD_ONLY, SHARED].map((c) => ({ sha2: sha256Hex(c), contentType: 'text/plain', content: c }));

describe('boiduong lrs retention, attachments', () => {
  it('SQLite: deletes the contents only the dropped months listed', async () => {
    const data = mkdtempSync(join(dir, 'sqlite-retention-'));
    const seed = SqliteStore.open({ dataDir: data, writeInPlace: true });
    await seed.insertStatements(retentionRows(), contents);
    await seed.close();
    const done = await cli('lrs', 'retention', '--older-than', '2m', '--apply', '--data', data);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('Đã xóa 1 tháng, 2 bản ghi xAPI');
    expect(done.out).toContain('1 tệp đính kèm không còn bản ghi nào dùng');
    const store = SqliteStore.open({ dataDir: data, writeInPlace: true });
    try {
      expect((await store.attachments([sha256Hex(OLD_ONLY), sha256Hex(SHARED)])).map((a) => a.content.toString())).toEqual([SHARED.toString()]);
    } finally {
      await store.close();
    }
  });

  it('PostgreSQL: deletes the contents only the dropped months listed', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1 });
    try {
      const [a, b, now] = retentionRows();
      // The writer stamps only "now": the old months' rows go in as the writer would have written them.
      const client = await store.pool.connect();
      try {
        await client.query('BEGIN');
        await ensureMonths(client, [old]);
        for (const r of [a!, b!]) {
          const { rows } = await client.query<{ seq: string }>(`INSERT INTO statements (stored, id, verb_id, body) VALUES ($1, $2, 'v', $3) RETURNING seq`, [r.stored, r.id, r.body]);
          await client.query('INSERT INTO statement_ids (id, stored, seq) VALUES ($1, $2, $3)', [r.id, r.stored, rows[0]!.seq]);
          for (const sha2 of r.attachments) await client.query('INSERT INTO statement_attachments (stored, seq, sha2) VALUES ($1, $2, $3)', [r.stored, rows[0]!.seq, sha2]);
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      await store.insertStatements([now!], contents);
      const done = await cli('lrs', 'retention', '--older-than', '2m', '--apply', '--lang', 'en', '--store', 'postgres', '--pg', PG_URL, '--pg-schema', schema);
      expect(done.code, done.err).toBe(0);
      expect(done.out).toContain('Dropped 1 months, 2 statements');
      expect(done.out).toContain('and 1 attachments no statement lists any more');
      expect((await store.attachments([sha256Hex(OLD_ONLY), sha256Hex(SHARED)])).map((x) => x.content.toString())).toEqual([SHARED.toString()]);
      const { rows } = await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM statement_attachments');
      expect(rows[0]!.n).toBe('1');
    } finally {
      await store.close();
    }
  });
});
