/**
 * What a case still asks of the trainee, read from its saved state alone: small, so the player
 * bundle carries it while the case player itself is a bundle of its own.
 */
import { reflectionsOwed, unpackCaseState } from '../../core/index.js';
import type { OwedWork } from '../context.js';

// Its own two strings rather than the case player's table, which would come into the player bundle with them.
const OWED = {
  vi: (title: string) => `câu trả lời thu hoạch của tình huống “${title}”`,
  en: (title: string) => `the reflection of the case “${title}”`,
};

/** The key of a case's walk in the player's resume state. */
export const CASE_STATE_KEY = 'walk';

/**
 * A finished walk's end-scene reflections not sent yet: the module is not complete without them.
 * Only a case that counts (weight above 0) asks: a practice case is optional, and so is its reflection.
 */
export const caseOwes: OwedWork = (id, ctx) => {
  const cs = ctx.data.cases.find((c) => c.id === id);
  // A stub (the page's data before the later file) has no scenes to owe anything from.
  if (!cs || !Array.isArray(cs.scenes) || ctx.mode !== 'normal' || !(cs.weight > 0)) return [];
  const owed = reflectionsOwed(cs, unpackCaseState(ctx.loadState(CASE_STATE_KEY)));
  return owed.length === 0 ? [] : [OWED[ctx.lang](cs.title)];
};

