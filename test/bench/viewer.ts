/**
 * Statement viewer benchmark: renders the viewer's page for the 200 newest statements (the most
 * it asks the LRS for) of a module with every question kind, and prints how long that takes and
 * how many bytes reach a phone on a slow line (raw and gzipped). Also prints the number
 * formatter's speed beside Intl's.
 *   npx tsx test/bench/viewer.ts
 */
import { gzipSync } from 'node:zlib';
import { formatNumber, interactionRecord, interactionStatement, VERBS, type Question, type Response } from '../../src/core/index.js';
import { activityLookup, statementsPage } from '../../src/lms/pages/index.js';
import { ALL_KINDS, parsed } from '../quiz/questions.js';

const scope = {
  actor: { objectType: 'Agent' as const, name: 'Nguyễn Văn Hùng', account: { homePage: 'https://lms.example', name: 'hv001' } },
  lang: 'vi',
  course: { activityId: 'https://daotao.example.gov.vn/xapi/courses/k', title: 'Khóa' },
  module: { activityId: 'https://daotao.example.gov.vn/xapi/courses/k/modules/m', title: 'Học phần', version: '1.0.0' },
};

function responseFor(q: Question): Response {
  switch (q.kind) {
    case 'single':
    case 'truefalse':
      return { kind: 'choice', choices: [q.choices[0]!.id] };
    case 'multiple':
      return { kind: 'choice', choices: q.choices.map((c) => c.id) };
    case 'fill':
      return { kind: 'text', text: 'Hà Nội' };
    case 'numeric':
      return { kind: 'number', text: '40,5' };
    case 'matching':
      return { kind: 'pairs', pairs: Object.fromEntries(q.pairs) };
    case 'ordering':
      return { kind: 'order', steps: q.steps.map((s) => s.id).reverse() };
    case 'essay':
      return { kind: 'text', text: 'Lắng nghe dân, ghi chép đầy đủ, đọc lại cho dân nghe và hẹn ngày trả lời cụ thể. '.repeat(4) };
  }
}

const questions = ALL_KINDS.map((k) => parsed(k));
const statements = Array.from({ length: 200 }, (_, i) => {
  const q = questions[i % questions.length]!;
  const at = Date.UTC(2026, 11, 1, 8, 0, i);
  const rec = interactionRecord(q, responseFor(q), { id: q.id, activityId: `${scope.course.activityId}/questions/${q.id}`, latencyMs: 12_300, timestamp: new Date(at).toISOString() });
  return interactionStatement(scope, VERBS.answered, rec, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, now: at }) as unknown as Record<string, unknown>;
});

const lookup = activityLookup([]);
const render = (): string =>
  statementsPage(statements, {}, { learners: [{ id: 'hv001', name: 'Nguyễn Văn Hùng' }], courses: [], verbs: [VERBS.answered] }, lookup, 'vi');
for (let i = 0; i < 20; i++) render();
const times: number[] = [];
let html = '';
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  html = render();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const bytes = Buffer.byteLength(html);
console.log(`viewer page, 200 answered statements: median ${times[25]!.toFixed(1)} ms, p90 ${times[45]!.toFixed(1)} ms`);
console.log(`  ${(bytes / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped (${Math.round(bytes / 200)} B a row)`);

const N = 200_000;
const values = Array.from({ length: 1000 }, (_, i) => i * 7.3125);
let t0 = performance.now();
for (let i = 0; i < N; i++) formatNumber(values[i % 1000]!, 'vi');
const ours = ((performance.now() - t0) * 1000) / N;
const intl = new Intl.NumberFormat('vi', { maximumFractionDigits: 2 });
t0 = performance.now();
for (let i = 0; i < N; i++) intl.format(values[i % 1000]!);
const theirs = ((performance.now() - t0) * 1000) / N;
console.log(`formatNumber: ${ours.toFixed(2)} µs a number; a cached Intl.NumberFormat('vi'): ${theirs.toFixed(2)} µs`);
