/**
 * What a case still asks of the trainee before the module may be completed: the reflections
 * (thu hoạch) of the end scene a finished walk stopped at. Only the end scene's count: the
 * reflections of a scene on the way are shown while the trainee is there and are gone once a
 * choice is made, so requiring them could leave a module that can never be completed.
 */
import type { CaseStudy, Reflection } from './model.js';
import type { CaseState } from './state.js';
import { replayCase } from './walk.js';

export function reflectionsOwed(cs: CaseStudy, state: CaseState): readonly Reflection[] {
  const { walk } = replayCase(cs, state.letters);
  if (!walk.ended) return [];
  return walk.scene.reflections.filter((r) => !state.reflections.includes(r.id));
}
