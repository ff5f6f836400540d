import { describe, expect, it } from 'vitest';
import { moduleStatement, type Statement, type StatementScope } from '../../src/core/xapi/statement.js';
import { uuid } from '../../src/core/xapi/time.js';
import { VERBS } from '../../src/core/xapi/verbs.js';
import { StatementQueue, type Deliver, type Schedule } from '../../src/runtime/queue/queue.js';
import { localStorageStore, memoryStore, type QueueStore } from '../../src/runtime/queue/store.js';

const scope: StatementScope = {
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.vn', name: 'hv001' } },
  lang: 'vi',
  course: { activityId: 'https://daotao.example.vn/xapi/courses/c', title: 'Khóa' },
  module: { activityId: 'https://daotao.example.vn/xapi/courses/c/modules/m', title: 'Học phần', version: '1.0' },
};

function statement(n: number): Statement {
  return moduleStatement(scope, VERBS.experienced, { id: uuid(), now: 1_700_000_000_000 + n });
}

/** An LRS in memory that answers like the spec says: 200 on a new batch, 409 when an id exists. */
function lrs() {
  const stored = new Map<string, Statement>();
  const order: string[] = [];
  let down = false;
  let calls = 0;
  const deliver: Deliver = (batch) => {
    calls++;
    if (down) return Promise.reject(new TypeError('Failed to fetch'));
    if (batch.some((s) => stored.has(s.id))) {
      if (batch.length === 1) return Promise.resolve(409);
      return Promise.resolve(409);
    }
    for (const s of batch) {
      stored.set(s.id, s);
      order.push(s.id);
    }
    return Promise.resolve(200);
  };
  return {
    deliver,
    stored,
    order,
    get calls() {
      return calls;
    },
    setDown(v: boolean) {
      down = v;
    },
  };
}

/** Timers the test fires by hand, recording the delays asked for. */
function manualTimers() {
  const queued: { run: () => void; ms: number }[] = [];
  const schedule: Schedule = (run, ms) => {
    const entry = { run, ms };
    queued.push(entry);
    return () => queued.splice(queued.indexOf(entry), 1);
  };
  return { schedule, queued, fire: () => queued.shift()?.run() };
}

describe('statement queue', () => {
  it('sends in creation order and empties the store once acknowledged', async () => {
    const server = lrs();
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: server.deliver });
    const sent = [statement(1), statement(2), statement(3)];
    for (const s of sent) await q.enqueue(s);
    await q.flush();
    await q.settled();
    expect(server.order).toEqual(sent.map((s) => s.id));
    expect(await store.all()).toEqual([]);
    expect(q.pending()).toEqual([]);
  });

  it('keeps statements while the network is down, backs off exponentially, then delivers each once', async () => {
    const server = lrs();
    const timers = manualTimers();
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: server.deliver, schedule: timers.schedule, random: () => 0, baseDelayMs: 100 });
    server.setDown(true);
    const sent = [statement(1), statement(2)];
    for (const s of sent) await q.enqueue(s);
    await q.settled();
    expect(q.state).toBe('waiting');
    expect((await store.all()).map((x) => x.id)).toEqual(sent.map((s) => s.id));
    timers.fire();
    await q.settled();
    timers.fire();
    await q.settled();
    expect(timers.queued.map((t) => t.ms)).toEqual([400]);
    server.setDown(false);
    timers.fire();
    await q.settled();
    expect(server.order).toEqual(sent.map((s) => s.id));
    expect(await store.all()).toEqual([]);
  });

  it('a relaunch resends what the last session left, and a statement the LRS already has is not stored twice', async () => {
    const server = lrs();
    const store = memoryStore();
    const first = [statement(1), statement(2)];
    // The LRS got the first statement but the page closed before its answer arrived.
    await server.deliver([first[0]!], { keepalive: true });
    for (const s of first) await store.put({ id: s.id, seq: 1 + first.indexOf(s), endpoint: 'https://lrs/', statement: s });
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: server.deliver });
    expect(q.pending().map((s) => s.id)).toEqual(first.map((s) => s.id));
    await q.flush();
    expect([...server.stored.keys()]).toEqual(first.map((s) => s.id));
    expect(await store.all()).toEqual([]);
  });

  it('sets aside a statement the LRS refuses (400) and keeps the rest flowing', async () => {
    const stored: string[] = [];
    const bad = statement(2);
    const deliver: Deliver = (batch) => {
      if (batch.some((s) => s.id === bad.id)) return Promise.resolve(400);
      stored.push(...batch.map((s) => s.id));
      return Promise.resolve(204);
    };
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver });
    const all = [statement(1), bad, statement(3)];
    for (const s of all) void q.enqueue(s);
    await q.flush();
    await q.settled();
    expect(stored).toContain(all[0]!.id);
    expect(stored).toContain(all[2]!.id);
    expect(q.rejected().map((s) => s.id)).toEqual([bad.id]);
    expect((await store.all()).map((x) => [x.id, x.rejected])).toEqual([[bad.id, true]]);
  });

  it('stops on 401 and leaves everything stored for the next launch', async () => {
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: () => Promise.resolve(401) });
    await q.enqueue(statement(1));
    await q.flush();
    expect(q.state).toBe('stopped');
    expect(await store.all()).toHaveLength(1);
  });

  it('leaves statements for another LRS alone', async () => {
    const server = lrs();
    const store = memoryStore();
    const other = statement(9);
    await store.put({ id: other.id, seq: 1, endpoint: 'https://other-lrs/', statement: other });
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: server.deliver });
    await q.enqueue(statement(1));
    await q.flush();
    expect(server.stored.has(other.id)).toBe(false);
    expect((await store.all()).map((x) => x.id)).toEqual([other.id]);
  });

  it('persists in localStorage in creation order across reopen', async () => {
    const data = new Map<string, string>();
    const ls = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    } as unknown as Storage;
    const store: QueueStore = localStorageStore(ls);
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: () => Promise.resolve(0), schedule: () => () => undefined });
    const sent = [statement(1), statement(2), statement(3)];
    for (const s of sent) await q.enqueue(s);
    const again = await StatementQueue.open({ store: localStorageStore(ls), endpoint: 'https://lrs/', deliver: () => Promise.resolve(0) });
    expect(again.pending().map((s) => s.id)).toEqual(sent.map((s) => s.id));
  });
});

describe('statement schema', () => {
  it('accepts what the builders make and names each problem of a broken statement', async () => {
    const { statementProblems } = await import('../../src/core/xapi/validate.js');
    const good = statement(1);
    expect(statementProblems(good)).toEqual([]);
    const bad = {
      ...good,
      id: 'not-a-uuid',
      verb: { id: 'answered' },
      result: { score: { scaled: 1.5, raw: 12, min: 0, max: 10 } },
      timestamp: '2026-01-01 10:00',
    };
    const problems = statementProblems(bad);
    expect(problems.some((p) => p.startsWith('/id'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/verb/id'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/result/score/scaled'))).toBe(true);
    expect(problems).toContain('/result/score/raw: above max');
    expect(problems.some((p) => p.startsWith('/timestamp'))).toBe(true);
  });
});
