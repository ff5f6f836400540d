/** The xAPI verbs the report reads. */
export const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
  attended: 'http://adlnet.gov/expapi/verbs/attended',
} as const;

/**
 * Context of a class held in person (lớp): which class, and the tiết it gave. The report counts
 * a class's tiết once per learner and each class as one lượt, whatever modules it covered.
 */
export const CLASS_EXT = {
  class: 'https://boiduong.github.io/xapi/extensions/class',
  periods: 'https://boiduong.github.io/xapi/extensions/class-periods',
  sessions: 'https://boiduong.github.io/xapi/extensions/sessions-attended',
  sessionsTotal: 'https://boiduong.github.io/xapi/extensions/sessions-total',
  place: 'https://boiduong.github.io/xapi/extensions/place',
  organiser: 'https://boiduong.github.io/xapi/extensions/organiser',
} as const;
