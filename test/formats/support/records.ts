/** Interaction records and outcomes as the quiz and case engines hand them to a tracker. */
import type { AssessmentOutcome, InteractionRecord } from '../../../src/core/tracking.js';

export function choiceRecord(courseActivityId: string, testActivityId: string): InteractionRecord {
  return {
    id: 'kt-cuoi.q1',
    activityId: `${courseActivityId}/questions/hg-thanh-phan`,
    type: 'choice',
    description: { vi: 'Ai tham gia tổ hòa giải ở thôn?' },
    result: 'correct',
    weighting: 1,
    latencyMs: 12_340,
    timestamp: '2026-11-23T02:15:30.123Z',
    scorm2004: { learnerResponse: 'a[,]c', correctPatterns: ['a[,]c'] },
    scorm12: { type: 'choice', studentResponse: 'a,c', correctPatterns: ['a,c'] },
    xapiDefinition: {
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      name: { vi: 'Thành phần tổ hòa giải' },
      interactionType: 'choice',
      correctResponsesPattern: ['a[,]c'],
      choices: [
        { id: 'a', description: { vi: 'Tổ trưởng tổ hòa giải' } },
        { id: 'b', description: { vi: 'Chánh án tòa án huyện' } },
        { id: 'c', description: { vi: 'Trưởng thôn' } },
      ],
    },
    xapiResult: { response: 'a[,]c', success: true, score: { raw: 1, min: 0, max: 1, scaled: 1 } },
    parentActivityId: testActivityId,
  };
}

export function testOutcome(testActivityId: string, mark: number): AssessmentOutcome {
  return {
    kind: 'test',
    id: 'kt-cuoi',
    activityId: testActivityId,
    title: { vi: 'Kiểm tra cuối học phần' },
    mark,
    raw: mark * 2,
    max: 20,
    passed: mark >= 5,
    weight: 1,
    gradeBand: mark >= 8 ? 'gioi' : mark >= 7 ? 'kha' : 'trung-binh',
    durationMs: 600_000,
  };
}
