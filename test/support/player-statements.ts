/**
 * The statements the player sends for one sitting of a module, built with the same core builders
 * the player's xAPI tracker uses (src/runtime/tracking/xapi/lrs-tracker.ts): initialized, a page
 * experienced per page, an answer per question, the test's outcome, completed, the module's
 * passed or failed with the 10-point mark, terminated. Completed and the module's result carry
 * the same millisecond, as when the player sends them together. Deterministic for a seed.
 */
import {
  EXT,
  VERBS,
  interactionStatement,
  moduleStatement,
  outcomeStatement,
  type Agent,
  type Statement,
  type StatementScope,
} from '../../src/core/index.js';
import { rng } from '../../src/core/quiz/index.js';

export interface SittingModule {
  readonly courseActivityId: string;
  readonly courseTitle: string;
  readonly activityId: string;
  readonly title: string;
  /** Has a final test: sends an outcome and a module result with a mark. */
  readonly graded: boolean;
}

export interface Sitting {
  readonly actor: Agent;
  readonly module: SittingModule;
  /** Epoch ms of the start. */
  readonly start: number;
  readonly pages: number;
  readonly questions: number;
  /** The test's 10-point mark; undefined leaves the module unfinished (no completion, no result). */
  readonly mark?: number;
  readonly pass: number;
  /** Makes statement ids: deterministic ids keep a run repeatable. */
  readonly nextId: () => string;
}

/** A small PRNG (the player's own mulberry32): the same seed gives the same campaign. */
export const random = rng;

/** Statement ids from a counter under a per-run prefix: unique, repeatable, cheap. */
export function idMaker(prefix: number): () => string {
  let n = 0;
  const head = (prefix >>> 0).toString(16).padStart(8, '0');
  return () => {
    const x = (n++).toString(16).padStart(12, '0');
    return `${head}-0000-4000-8000-${x}`;
  };
}

export function accountAgent(id: string, name: string): Agent {
  return { objectType: 'Agent', name, account: { homePage: 'https://daotao.example.vn', name: id } };
}

export function sitting(s: Sitting): Statement[] {
  const scope: StatementScope = {
    actor: s.actor,
    lang: 'vi',
    course: { activityId: s.module.courseActivityId, title: s.module.courseTitle },
    module: { activityId: s.module.activityId, title: s.module.title, version: '1.0.0' },
  };
  let now = s.start;
  const stamp = (stepMs = 20_000): { id: string; now: number } => ({ id: s.nextId(), now: (now += stepMs) });
  const out: Statement[] = [moduleStatement(scope, VERBS.initialized, stamp(0))];
  for (let p = 0; p < s.pages; p++) {
    const page = `${s.module.activityId}/pages/${p + 1}`;
    const st = stamp(45_000);
    out.push({ ...moduleStatement(scope, VERBS.experienced, st), object: { objectType: 'Activity', id: page } });
  }
  const testId = `${s.module.activityId}/tests/kiem-tra`;
  for (let q = 0; q < s.questions; q++) {
    const st = stamp(30_000);
    out.push(
      interactionStatement(
        scope,
        VERBS.answered,
        {
          activityId: `${testId}/questions/q${q + 1}`,
          parentActivityId: testId,
          timestamp: new Date(st.now).toISOString(),
          latencyMs: 30_000,
          xapiDefinition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice' },
          xapiResult: { response: 'b', success: (q * 7 + Math.round((s.mark ?? 0) * 10)) % 3 !== 0 },
        } as unknown as Parameters<typeof interactionStatement>[2],
        st,
      ),
    );
  }
  if (s.mark !== undefined) {
    const passed = s.mark >= s.pass;
    if (s.module.graded) {
      out.push(
        outcomeStatement(
          scope,
          passed ? VERBS.passed : VERBS.failed,
          { kind: 'test', activityId: testId, title: { vi: 'Kiểm tra' }, mark: s.mark, raw: s.mark, max: 10, passed, durationMs: 600_000 } as unknown as Parameters<typeof outcomeStatement>[2],
          stamp(),
        ),
      );
    }
    const done = stamp();
    if (!s.module.graded || passed) out.push(moduleStatement(scope, VERBS.completed, done, { result: { completion: true, duration: 'PT20M' } }));
    if (s.module.graded) {
      out.push(
        moduleStatement(scope, passed ? VERBS.passed : VERBS.failed, { id: s.nextId(), now: done.now }, {
          result: { score: { scaled: s.mark / 10, raw: s.mark, min: 0, max: 10 }, success: passed, duration: 'PT20M', extensions: { [EXT.mark10]: s.mark } },
        }),
      );
    }
  }
  out.push(moduleStatement(scope, VERBS.terminated, stamp(5_000), { result: { duration: 'PT25M' } }));
  return out;
}
