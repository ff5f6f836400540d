/** The statement contract every store must pass: filters, voiding, paging under concurrent writes, attachments. */
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { StatementRow, Store } from '../../../src/lrs/store/store.js';
import { sha256Hex } from '../../../src/lrs/service/attachments.js';

function row(n: number, extra: Partial<StatementRow> = {}): StatementRow {
  const id = randomUUID();
  const stored = new Date().toISOString();
  return {
    id,
    stored,
    body: JSON.stringify({ id, n, stored }),
    verbId: n % 2 ? 'http://adlnet.gov/expapi/verbs/answered' : 'http://adlnet.gov/expapi/verbs/completed',
    registration: undefined,
    agents: [{ key: `account:https://boiduong.example|hv-${n % 3}`, direct: true }, { key: 'mbox:mailto:gv@xa.example', direct: false }],
    activities: [{ id: `https://boiduong.example/q${n % 4}`, direct: true }, { id: 'https://boiduong.example/course', direct: false }],
    definitions: [{ id: `https://boiduong.example/q${n % 4}`, definition: { name: { vi: `Câu ${n % 4}` } } }],
    ...extra,
  };
}

const ns = (bodies: string[]) => bodies.map((b) => (JSON.parse(b) as { n: number }).n);

export function statementContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: statements`, () => {
    it('filters by agent, verb, activity (direct and related), registration and stored time', async () => {
      const store = await open();
      const reg = randomUUID();
      const t0 = new Date(Date.now() - 1000).toISOString();
      await store.insertStatements(Array.from({ length: 12 }, (_, n) => row(n, n === 5 ? { registration: reg } : {})), []);
      const q = (extra: object) => store.queryStatements({ limit: 100, ...extra }).then((p) => ns(p.bodies));
      expect(await q({ agentKey: 'account:https://boiduong.example|hv-1' })).toEqual([10, 7, 4, 1]);
      expect(await q({ agentKey: 'mbox:mailto:gv@xa.example' })).toEqual([]);
      expect(await q({ agentKey: 'mbox:mailto:gv@xa.example', relatedAgents: true })).toHaveLength(12);
      expect(await q({ verbId: 'http://adlnet.gov/expapi/verbs/completed', ascending: true })).toEqual([0, 2, 4, 6, 8, 10]);
      expect(await q({ activityId: 'https://boiduong.example/q3' })).toEqual([11, 7, 3]);
      expect(await q({ activityId: 'https://boiduong.example/course' })).toEqual([]);
      expect(await q({ activityId: 'https://boiduong.example/course', relatedActivities: true })).toHaveLength(12);
      expect(await q({ registration: reg })).toEqual([5]);
      expect(await q({ since: t0 })).toHaveLength(12);
      expect(await q({ until: t0 })).toEqual([]);
      expect(await store.getActivityDefinition('https://boiduong.example/q2')).toEqual({ name: { vi: 'Câu 2' } });
    });

    it('matches the verb filter on the verb of a statement a StatementRef targets', async () => {
      const store = await open();
      const target = row(0);
      await store.insertStatements([target], []);
      await store.insertStatements([row(1, { verbId: 'http://adlnet.gov/expapi/verbs/experienced', refVerbId: target.verbId })], []);
      const found = await store.queryStatements({ limit: 10, verbId: target.verbId });
      expect(ns(found.bodies)).toEqual([1, 0]);
    });

    it('merges activity definitions across statements, language by language', async () => {
      const store = await open();
      const id = 'https://boiduong.example/q-merge';
      await store.insertStatements([row(1, { definitions: [{ id, definition: { name: { vi: 'Câu hỏi' }, type: 'http://adlnet.gov/expapi/activities/cmi.interaction' } }] })], []);
      await store.insertStatements(
        [row(2, { definitions: [{ id, definition: { name: { en: 'Question' }, description: { vi: 'Mô tả' } } }] }), row(3, { definitions: [{ id, definition: { name: { 'en-US': 'Q' } } }] })],
        [],
      );
      expect(await store.getActivityDefinition(id)).toEqual({
        name: { vi: 'Câu hỏi', en: 'Question', 'en-US': 'Q' },
        description: { vi: 'Mô tả' },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      });
    });

    it('keeps a filled-in timestamp equal to stored, whoever sets stored', async () => {
      const store = await open();
      const r = row(1);
      const given = { ...row(2), body: JSON.stringify({ n: 2, stored: r.stored, timestamp: '2026-01-01T00:00:00.000Z' }) };
      await store.insertStatements([{ ...r, body: JSON.stringify({ id: r.id, n: 1, stored: r.stored, timestamp: r.stored }), timestampFromStored: true }, given], []);
      const got = (await store.queryStatements({ limit: 10, ascending: true })).bodies.map((b) => JSON.parse(b) as { stored: string; timestamp: string });
      expect(got[0]!.timestamp).toBe(got[0]!.stored);
      expect(got[1]!.timestamp).toBe('2026-01-01T00:00:00.000Z');
      expect(got[0]!.stored).toBe(got[1]!.stored);
    });

    it('hides voided statements from queries but keeps them by id', async () => {
      const store = await open();
      const target = row(1);
      await store.insertStatements([target], []);
      await store.insertStatements([row(2, { voidsId: target.id, verbId: 'http://adlnet.gov/expapi/verbs/voided' })], []);
      const page = await store.queryStatements({ limit: 10 });
      expect(ns(page.bodies)).toEqual([2]);
      expect((await store.statementsByIds([target.id])).get(target.id)?.voided).toBe(true);
    });

    it('pages by cursor without duplicates or gaps while others write', async () => {
      const store = await open();
      await store.insertStatements(Array.from({ length: 25 }, (_, n) => row(n)), []);
      const seen: number[] = [];
      let page = await store.queryStatements({ limit: 10, ascending: true });
      seen.push(...ns(page.bodies));
      while (page.more) {
        await store.insertStatements([row(100 + seen.length)], []);
        page = await store.queryStatements({ limit: 10, ascending: true, after: page.last, atMost: page.head });
        seen.push(...ns(page.bodies));
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => n));
    });

    it('stores attachments once by sha2, in the same transaction as the statement', async () => {
      const store = await open();
      const content = Buffer.from('biên bản họp chi bộ');
      const sha2 = sha256Hex(content);
      await store.insertStatements([row(1)], [{ sha2, contentType: 'text/plain', content }]);
      await store.insertStatements([row(2)], [{ sha2, contentType: 'text/plain', content }]);
      const [got] = await store.attachments([sha2]);
      expect(got?.content.toString()).toBe('biên bản họp chi bộ');
      // A batch with a duplicate id fails as a whole: nothing of it is stored.
      const dup = row(3);
      await expect(store.insertStatements([dup, { ...row(4), id: dup.id }], [])).rejects.toThrow();
      expect((await store.statementsByIds([dup.id])).size).toBe(0);
    });

    it('isolates concurrent requests: one failing request does not take the others with it', async () => {
      const store = await open();
      const a = row(1);
      const b = row(2);
      const dup = row(3);
      const results = await Promise.allSettled([
        store.insertStatements([a], []),
        store.insertStatements([dup, { ...row(4), id: dup.id }], []),
        store.insertStatements([b], []),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const found = await store.statementsByIds([a.id, b.id, dup.id]);
      expect([...found.keys()].sort()).toEqual([a.id, b.id].sort());
    });

    it('refuses a request whose id an earlier request of the same moment stored, and keeps the first', async () => {
      const store = await open();
      const first = row(1);
      const again = { ...row(2), id: first.id };
      const other = row(3);
      const results = await Promise.allSettled([store.insertStatements([first], []), store.insertStatements([again, other], [])]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      const found = await store.statementsByIds([first.id, other.id]);
      expect([...found.keys()]).toEqual([first.id]);
      expect(ns([found.get(first.id)!.body])).toEqual([1]);
    });
  });
}
