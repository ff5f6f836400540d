import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRoster } from '../../src/core/roster.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import type { CatalogueCourse } from '../../src/report/index.js';

/** The hand-computed fixture: see test/report/engine.test.ts for what each statement proves. */
const dir = join(import.meta.dirname, '..', 'fixtures', 'report');
export const fixtureTaxonomy = JSON.parse(readFileSync(join(dir, 'taxonomy.json'), 'utf8')) as Taxonomy;
export const fixtureRoster = parseRoster(readFileSync(join(dir, 'roster.csv'), 'utf8'), 'roster.csv');
export const fixtureStatements = JSON.parse(readFileSync(join(dir, 'statements.json'), 'utf8')) as unknown[];
const base = 'https://daotao.example.vn/xapi/courses/c1';
export const fixtureCatalogue: CatalogueCourse[] = [
  {
    id: 'c1',
    activityId: base,
    title: 'Khóa 1',
    modules: [
      { id: 'm1', activityId: `${base}/modules/m1`, title: 'Học phần 1', periods: 4, pass: 5, graded: false },
      { id: 'm2', activityId: `${base}/modules/m2`, title: 'Học phần 2', periods: 6, pass: 5, graded: true },
    ],
  },
];

