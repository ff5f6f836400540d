/** The xAPI verbs the report reads. */
export const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;
