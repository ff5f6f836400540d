/** A learner's module statuses, folded from their xAPI statements (every format reports there). */
import type { StatementFact } from '../report/index.js';
import type { ModuleStatus } from './pages/index.js';

const V = 'http://adlnet.gov/expapi/verbs/';

/** Statuses by module activity id. Later facts refine earlier ones; a pass is never undone. */
export function moduleStatuses(facts: Iterable<StatementFact>): Map<string, ModuleStatus> {
  const out = new Map<string, ModuleStatus>();
  for (const f of facts) {
    const prev = out.get(f.object) ?? { state: 'not-attempted' as const };
    let state = prev.state;
    if (f.verb === `${V}passed`) state = 'passed';
    else if (f.verb === `${V}failed`) state = prev.state === 'passed' ? 'passed' : 'failed';
    else if (f.verb === `${V}completed`) state = prev.state === 'passed' ? 'passed' : prev.state === 'failed' ? 'failed' : 'completed';
    else if (prev.state === 'not-attempted') state = 'in-progress';
    const mark = f.mark !== undefined && (prev.mark === undefined || f.mark > prev.mark) ? f.mark : prev.mark;
    // The day the module reached its state: the first pass, the first completion, the latest failure.
    const settled = state === 'passed' || state === 'completed' || state === 'failed';
    const at = settled && (state !== prev.state || (state === 'failed' && f.verb === `${V}failed`)) ? f.timestamp : prev.at;
    out.set(f.object, { state, ...(mark !== undefined ? { mark } : {}), ...(settled && at !== undefined ? { at } : {}) });
  }
  return out;
}
