/**
 * Moodle's stored tracks of one SCO attempt → the flat CMI the shared SCORM → xAPI mapping reads.
 * Moodle keeps SCORM 1.2 arrays as `cmi.interactions_0.id` / `correct_responses_0` (2004 as
 * `cmi.interactions.0.id`) and adds its own rows (`status`, `score_raw`, `timemodified`,
 * `x.start.time`, …) that are not CMI.
 */
import type { FlatCmi } from '../core/scorm-xapi/index.js';
import type { Track } from './ws.js';

export interface ScoAttempt {
  readonly cmi: FlatCmi;
  /** When Moodle last wrote this attempt (its `timemodified`), ISO 8601; undefined if never. */
  readonly modified?: string;
}

const epoch = (v: string | number | undefined): string | undefined => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString() : undefined;
};

export function scoAttempt(tracks: readonly Track[], version: '1.2' | '2004'): ScoAttempt {
  const cmi: Record<string, string> = {};
  let modified: string | undefined;
  let started: string | undefined;
  for (const { element, value } of tracks) {
    if (element === 'timemodified') modified = epoch(value);
    else if (element === 'x.start.time') started = epoch(value);
    else if (element.startsWith('cmi.')) cmi[element.replace(/_(\d+)(?=\.)/g, '.$1')] = String(value);
  }
  // A pulled attempt is summed up once: its duration is the attempt's total_time (Moodle adds
  // every terminated session into it), not the last session's time.
  const total = version === '1.2' ? cmi['cmi.core.total_time'] : cmi['cmi.total_time'];
  if (total) cmi[version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time'] = total;
  const at = modified ?? started;
  return { cmi, ...(at ? { modified: at } : {}) };
}
