/**
 * A synthetic province for the report benchmark: learners across communes, each taking the
 * modules of one course with completions and marks, as xAPI statements.
 */
import { randomUUID } from 'node:crypto';
import type { Learner } from '../../src/core/roster.js';
import type { CatalogueCourse } from '../../src/report/index.js';

export interface Province {
  readonly learners: Learner[];
  readonly catalogue: CatalogueCourse[];
}

const IRI = 'https://daotao.example.vn/xapi/courses/';

export function province(learnerCount: number, communes: number, modules: number): Province {
  const positions = ['bi-thu-dang-uy-xa', 'chu-tich-ubnd-xa', 'van-phong-thong-ke', 'chuyen-vien-van-phong-hdnd-ubnd-xa'];
  const learners: Learner[] = [];
  for (let i = 0; i < learnerCount; i++) {
    learners.push({
      id: `hv${String(i).padStart(6, '0')}`,
      name: `Học viên ${i}`,
      position: positions[i % positions.length]!,
      unit: `Xã ${String(i % communes).padStart(3, '0')}`,
      tier: i % 3 === 0 ? 'cao-cap' : 'trung-cap',
      line: i + 2,
    });
  }
  const course: CatalogueCourse = {
    id: 'boi-duong-bi-thu-dang-uy-xa',
    activityId: `${IRI}boi-duong-bi-thu-dang-uy-xa`,
    title: 'Bồi dưỡng Bí thư Đảng ủy xã',
    modules: Array.from({ length: modules }, (_, m) => ({
      id: `m${m}`,
      activityId: `${IRI}boi-duong-bi-thu-dang-uy-xa/modules/m${m}`,
      title: `Học phần ${m}`,
      periods: 8,
      pass: 5,
      graded: m % 2 === 1,
    })),
  };
  return { learners, catalogue: [course] };
}

/** Statements for learner i, deterministic in count: `perLearner` statements each. */
export function statementsFor(p: Province, i: number, perLearner: number, year: number): Record<string, unknown>[] {
  const learner = p.learners[i]!;
  const course = p.catalogue[0]!;
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < perLearner; k++) {
    const m = course.modules[k % course.modules.length]!;
    const day = 1 + ((i + k) % 28);
    const month = 1 + ((i * 7 + k) % 12);
    const mark = ((i * 13 + k * 7) % 101) / 10;
    const verb = k % 4 === 0 ? 'completed' : k % 4 === 1 ? (mark >= 5 ? 'passed' : 'failed') : k % 4 === 2 ? 'answered' : 'experienced';
    out.push({
      id: randomUUID(),
      actor: { objectType: 'Agent', name: learner.name, account: { homePage: 'https://daotao.example.vn', name: learner.id } },
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { vi: verb } },
      object: { objectType: 'Activity', id: verb === 'answered' ? `${m.activityId}/q${k}` : m.activityId },
      ...(verb === 'passed' || verb === 'failed' ? { result: { success: verb === 'passed', score: { scaled: mark / 10 } } } : {}),
      ...(verb === 'completed' ? { result: { completion: true } } : {}),
      timestamp: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:00:00+07:00`,
    });
  }
  return out;
}
