/**
 * cmi5 moveOn for the preview LMS: when every AU of a course is satisfied for a learner, the LMS
 * sends its own `satisfied` statement for the course, once, and records when.
 */
import type { Course } from '../core/index.js';
import { courseSatisfiedStatement, satisfiedModules, sessionEnded } from './cmi5-launch.js';
import type { LrsClient } from './lrs-client.js';
import { actorOf } from './actor.js';
import type { AttemptStore } from './store/index.js';

type Learner = { readonly id: string; readonly name: string };

export class CourseMoveOn {
  private readonly runs = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    private readonly attempts: AttemptStore,
    /** Undefined until the LRS has started. */
    private readonly client: () => LrsClient | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** One evaluation at a time per learner and course, so `satisfied` is sent once. */
  evaluate(learner: Learner, course: Course): Promise<void> {
    const key = `${learner.id}\u0000${course.id}`;
    const running = this.runs.get(key);
    if (running) return running;
    const run = this.evaluateNow(learner, course).finally(() => this.runs.delete(key));
    this.runs.set(key, run);
    return run;
  }

  private async evaluateNow(learner: Learner, course: Course): Promise<void> {
    const client = this.client();
    if (!client) return;
    const reg = this.attempts.registration(learner.id, course.id);
    if (reg.satisfied) return;
    const satisfied = await satisfiedModules(course, actorOf(learner), reg.registration, client);
    if (satisfied.size === course.modules.length) {
      await client.postStatements([courseSatisfiedStatement(course, actorOf(learner), reg.registration)]);
      this.attempts.markSatisfied(learner.id, course.id, new Date().toISOString());
    }
  }

  /**
   * The learner is back from an AU: its `terminated` usually arrives a moment later (sent as the
   * frame unloads), so wait briefly for it before evaluating moveOn, and keep watching in the
   * background when it is slower, so the course is still marked satisfied.
   */
  async afterReturn(learner: Learner, course: Course): Promise<void> {
    const client = this.client();
    if (!client) return;
    const { registration } = this.attempts.registration(learner.id, course.id);
    const ended = sessionEnded(actorOf(learner), registration, client, 60_000, () => this.closing);
    const quick = await Promise.race([ended, new Promise<'later'>((r) => setTimeout(() => r('later'), 3000))]);
    if (quick !== 'later') return this.evaluate(learner, course);
    const later = ended
      .then((done) => (done && !this.closing ? this.evaluate(learner, course) : undefined))
      .catch((e: unknown) => this.log(`preview LMS: moveOn ${String(e)}`))
      .finally(() => this.background.delete(later));
    this.background.add(later);
  }

  /** Stops background watches from evaluating; resolves when they have ended. */
  close(): Promise<unknown> {
    this.closing = true;
    return Promise.allSettled([...this.background]);
  }
}
