import { describe, expect, it } from 'vitest';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { moduleStatement, type Statement, type StatementScope } from '../../src/core/xapi/statement.js';
import { uuid } from '../../src/core/xapi/time.js';
import { VERBS } from '../../src/core/xapi/verbs.js';
import { StatementQueue, type Deliver, type Schedule, type SetAsideStatement } from '../../src/runtime/queue/queue.js';
import { sessionKey } from '../../src/runtime/queue/session.js';
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

const REGISTRATION = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** A statement of one cmi5 session: the registration and the sessionid of the context template. */
function inSession(session: string, verb: keyof typeof VERBS, n: number): Statement {
  const s: StatementScope = { ...scope, registration: REGISTRATION, contextTemplate: { extensions: { [CMI5.sessionId]: session } } };
  return moduleStatement(s, VERBS[verb], { id: uuid(), now: 1_700_000_000_000 + n });
}

const sessionOf = (s: Statement): string => sessionKey(s).split('|')[1]!;

/**
 * An LMS that enforces cmi5 sessions as the reference LMS does: a launch token belongs to one
 * session, a batch with another session's statement (or mixing sessions) is refused with 403,
 * and so is anything after that session's terminated. Otherwise it stores what it gets.
 */
function sessionLms(tokens: Record<string, string>) {
  const stored = new Map<string, Statement>();
  const terminated = new Set<string>();
  const batches: { auth: string | undefined; sessions: string[]; size: number }[] = [];
  const deliver: Deliver = (batch, { authorization }) => {
    const sessions = [...new Set(batch.map(sessionOf))];
    batches.push({ auth: authorization, sessions, size: batch.length });
    const own = authorization ? tokens[authorization] : undefined;
    if (!own) return Promise.resolve(401);
    if (sessions.some((x) => x !== own) || terminated.has(own)) return Promise.resolve(403);
    for (const st of batch) {
      stored.set(st.id, st);
      if (st.verb.id === VERBS.terminated.id) terminated.add(own);
    }
    return Promise.resolve(200);
  };
  return { deliver, stored, batches, terminated };
}

async function putOld(store: QueueStore, statements: readonly Statement[], auth?: string): Promise<void> {
  let seq = 1;
  for (const st of statements) await store.put({ id: st.id, seq: seq++, endpoint: 'https://lrs/', statement: st, ...(auth ? { auth } : {}) });
}

describe('statement queue: sessions and refusals', () => {
  it('never mixes sessions in a batch, and sends an ended session\'s statements with its own token', async () => {
    const lms = sessionLms({ 'Basic t1': 's1', 'Basic t2': 's2' });
    const store = memoryStore();
    const old = [inSession('s1', 'initialized', 1), inSession('s1', 'completed', 2)];
    await putOld(store, old, 'Basic t1');
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: lms.deliver, session: `${REGISTRATION}|s2`, authorization: 'Basic t2' });
    const now = [inSession('s2', 'initialized', 3), inSession('s2', 'terminated', 4)];
    for (const st of now) await q.enqueue(st);
    await q.flush();
    await q.settled();
    expect(lms.batches.map((b) => [b.auth, b.sessions])).toEqual([
      ['Basic t1', ['s1']],
      ['Basic t2', ['s2']],
    ]);
    expect([...lms.stored.keys()]).toEqual([...old, ...now].map((x) => x.id));
    expect(await store.all()).toEqual([]);
  });

  it('the relaunch case: the last session\'s terminated, already stored and refused on resend (403), is set aside and the new session is delivered', async () => {
    const lms = sessionLms({ 'Basic t1': 's1', 'Basic t2': 's2' });
    const store = memoryStore();
    const first = [inSession('s1', 'initialized', 1), inSession('s1', 'terminated', 2)];
    // The browser aborted the POST on exit; the statements had in fact arrived.
    await lms.deliver(first, { keepalive: true, authorization: 'Basic t1' });
    await putOld(store, [first[1]!], 'Basic t1');
    const reported: SetAsideStatement[][] = [];
    const q = await StatementQueue.open({
      store,
      endpoint: 'https://lrs/',
      deliver: lms.deliver,
      session: `${REGISTRATION}|s2`,
      authorization: 'Basic t2',
      onSetAside: (_all, added) => reported.push([...added]),
    });
    const second = [inSession('s2', 'initialized', 3), inSession('s2', 'completed', 4), inSession('s2', 'terminated', 5)];
    for (const st of second) await q.enqueue(st);
    await q.flush();
    await q.settled();
    expect(q.state).toBe('idle');
    expect(second.every((st) => lms.stored.has(st.id))).toBe(true);
    expect(q.setAside().map((x) => [x.statement.id, x.status])).toEqual([[first[1]!.id, 403]]);
    expect(reported.flat().map((x) => x.statement.id)).toEqual([first[1]!.id]);
    const kept = await store.all();
    expect(kept.map((x) => [x.id, x.rejected, x.refusedWith])).toEqual([[first[1]!.id, true, 403]]);
    // Its credentials are not kept once it is set aside.
    expect(kept[0]!.auth).toBeUndefined();
  });

  it('narrows a 403 on a batch to the one statement refused, sets it aside, and delivers the rest in order', async () => {
    const all = Array.from({ length: 9 }, (_, i) => inSession('s1', 'experienced', i));
    const bad = all[5]!;
    const stored: string[] = [];
    let calls = 0;
    const deliver: Deliver = (batch) => {
      calls++;
      if (batch.some((x) => x.id === bad.id)) return Promise.resolve(403);
      stored.push(...batch.map((x) => x.id));
      return Promise.resolve(200);
    };
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver, schedule: () => () => undefined, session: `${REGISTRATION}|s1`, authorization: 'Basic t1' });
    for (const st of all) void q.enqueue(st);
    await q.flush();
    await q.settled();
    expect(stored).toEqual(all.filter((x) => x !== bad).map((x) => x.id));
    expect(q.setAside().map((x) => [x.statement.id, x.status])).toEqual([[bad.id, 403]]);
    expect(q.pending()).toEqual([]);
    // Halving: far fewer requests than one per statement.
    expect(calls).toBeLessThan(all.length);
  });

  it('an ended session whose token is refused (401), or that left no token, is set aside; it never goes out with the new token', async () => {
    const lms = sessionLms({ 'Basic t3': 's3' });
    const store = memoryStore();
    const expired = [inSession('s1', 'completed', 1)];
    const tokenless = [inSession('s2', 'terminated', 2)];
    await putOld(store, expired, 'Basic t1');
    await store.put({ id: tokenless[0]!.id, seq: 5, endpoint: 'https://lrs/', statement: tokenless[0]! });
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver: lms.deliver, session: `${REGISTRATION}|s3`, authorization: 'Basic t3' });
    const now = inSession('s3', 'initialized', 3);
    await q.enqueue(now);
    await q.flush();
    await q.settled();
    expect(lms.batches.map((b) => [b.auth, b.sessions])).toEqual([
      ['Basic t1', ['s1']],
      ['Basic t3', ['s3']],
    ]);
    expect(q.setAside().map((x) => [x.statement.id, x.status])).toEqual([
      [expired[0]!.id, 401],
      [tokenless[0]!.id, 0],
    ]);
    expect([...lms.stored.keys()]).toEqual([now.id]);
  });

  it('409 for an id stored with the same content counts as delivered; with other content it is set aside', async () => {
    const same = inSession('s1', 'initialized', 1);
    const other = inSession('s1', 'completed', 2);
    const fresh = inSession('s1', 'terminated', 3);
    const lrsCopy = new Map<string, unknown>([
      [same.id, { ...same, stored: '2026-01-01T00:00:00.000Z', timestamp: new Date(same.timestamp).toISOString().replace('Z', '+00:00') }],
      [other.id, { ...other, verb: VERBS.passed }],
    ]);
    const delivered: string[] = [];
    const deliver: Deliver = (batch) => {
      if (batch.some((x) => lrsCopy.has(x.id))) return Promise.resolve(409);
      delivered.push(...batch.map((x) => x.id));
      return Promise.resolve(200);
    };
    const store = memoryStore();
    const q = await StatementQueue.open({
      store,
      endpoint: 'https://lrs/',
      deliver,
      lookup: (id) => Promise.resolve(lrsCopy.get(id)),
      session: `${REGISTRATION}|s1`,
      authorization: 'Basic t1',
    });
    for (const st of [same, other, fresh]) void q.enqueue(st);
    await q.flush();
    await q.settled();
    expect(delivered).toEqual([fresh.id]);
    expect(q.setAside().map((x) => [x.statement.id, x.status])).toEqual([[other.id, 409]]);
    expect((await store.all()).map((x) => x.id)).toEqual([other.id]);
  });

  it('a 5xx is retried with backoff and loses nothing', async () => {
    const timers = manualTimers();
    let status = 503;
    const stored: string[] = [];
    const deliver: Deliver = (batch) => {
      if (status !== 200) return Promise.resolve(status);
      stored.push(...batch.map((x) => x.id));
      return Promise.resolve(200);
    };
    const store = memoryStore();
    const q = await StatementQueue.open({ store, endpoint: 'https://lrs/', deliver, schedule: timers.schedule, random: () => 0, baseDelayMs: 100 });
    const all = [statement(1), statement(2)];
    for (const st of all) await q.enqueue(st);
    await q.settled();
    expect(q.state).toBe('waiting');
    expect(q.setAside()).toEqual([]);
    timers.fire();
    await q.settled();
    expect(timers.queued.map((t) => t.ms)).toEqual([200]);
    status = 200;
    timers.fire();
    await q.settled();
    expect(stored).toEqual(all.map((x) => x.id));
    expect(await store.all()).toEqual([]);
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
