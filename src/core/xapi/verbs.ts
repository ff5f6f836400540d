/** The xAPI verbs the toolkit's runtime emits, with display names in Vietnamese and English. */
import type { LocalText } from '../text.js';

export interface Verb {
  readonly id: string;
  readonly display: LocalText;
}

const ADL = 'http://adlnet.gov/expapi/verbs/';

function verb(name: string, vi: string, en: string): Verb {
  return { id: `${ADL}${name}`, display: { vi, 'en-US': en } };
}

export const VERBS = {
  initialized: verb('initialized', 'đã bắt đầu', 'initialized'),
  terminated: verb('terminated', 'đã kết thúc', 'terminated'),
  completed: verb('completed', 'đã hoàn thành', 'completed'),
  passed: verb('passed', 'đã đạt', 'passed'),
  failed: verb('failed', 'chưa đạt', 'failed'),
  answered: verb('answered', 'đã trả lời', 'answered'),
  experienced: verb('experienced', 'đã xem', 'experienced'),
  attempted: verb('attempted', 'đã bắt đầu làm bài', 'attempted'),
  suspended: verb('suspended', 'đã tạm dừng', 'suspended'),
  resumed: verb('resumed', 'đã học tiếp', 'resumed'),
  progressed: verb('progressed', 'đã tiến triển', 'progressed'),
  scored: verb('scored', 'đã được chấm điểm', 'scored'),
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;

/** The verb for a verb IRI, or a display made from the IRI's last segment. */
export function verbFor(id: string): Verb {
  const known = Object.values(VERBS).find((v) => v.id === id);
  if (known) return known;
  const last = id.split(/[/#]/).pop() ?? id;
  return { id, display: { 'en-US': last } };
}
