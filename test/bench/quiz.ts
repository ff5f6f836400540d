/**
 * Quiz figures: the resume state of a 60-question attempt inside the player's suspend_data
 * (SCORM 1.2 allows 4,096 characters), and the gzipped size of the player with the quiz engine.
 * Run: npx tsx test/bench/quiz.ts
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { encodeTestState, idsCheck } from '../../src/core/quiz/attempt.js';
import { encodeResponse, type Response } from '../../src/core/quiz/response.js';
import { emptyState, serializeState } from '../../src/runtime/player/state.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function attempt(label: string, answerFor: (i: number) => Response): void {
  const ids = Array.from({ length: 60 }, (_, i) => `cau-hoi-ngan-hang-${i + 1}`);
  const quiz = encodeTestState({
    used: 1,
    best: 6.5,
    last: { mark: 6.5, passed: true },
    current: { seed: 2_147_000_000, startedAt: Date.now(), check: idsCheck(ids), answers: ids.map((_, i) => encodeResponse(answerFor(i))) },
  });
  // The player's own envelope: page, pages seen, other components, outcomes.
  const player = emptyState(12);
  player.page = 11;
  player.seen.fill(true);
  player.components['t:kiem-tra-cuoi-khoa:s'] = quiz;
  player.components['q:chuan-bi-doi-thoai:r'] = 'b';
  player.outcomes['kiem-tra-giua-khoa'] = { m: 7.5, p: 1, w: 1 };
  // The state names its owner: the longest module id of the sample course, with its version.
  const suspend = serializeState(player, { id: 'ky-nang-lanh-dao-xu-ly-tinh-huong', version: '1.0.0' });
  console.log(`${label.padEnd(44)} quiz state ${String(quiz.length).padStart(5)} chars   suspend_data ${String(suspend.length).padStart(5)} / 4096`);
}

const letters = 'abcd';
console.log('60-question attempt, every question answered:');
attempt('  single choice (4 options)', (i) => ({ kind: 'choice', choices: [letters[i % 4]!] }));
attempt('  multiple choice, 2–3 of 6 chosen', (i) => ({ kind: 'choice', choices: i % 2 ? ['a', 'c', 'f'] : ['b', 'd'] }));
attempt('  mixed kinds (fill-in ~20 chars, matching…)', (i): Response => {
  switch (i % 6) {
    case 0:
      return { kind: 'text', text: 'Ủy ban nhân dân xã' };
    case 1:
      return { kind: 'number', text: '41,5' };
    case 2:
      return { kind: 'pairs', pairs: { '1': 'c', '2': 'a', '3': 'd', '4': 'b' } };
    case 3:
      return { kind: 'order', steps: ['c', 'a', 'd', 'b'] };
    case 4:
      return { kind: 'choice', choices: ['t'] };
    default:
      return { kind: 'choice', choices: ['a', 'c'] };
  }
});

async function gzipped(entry: string): Promise<{ raw: number; gz: number }> {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2020', minify: true, legalComments: 'none', write: false });
  const text = out.outputFiles[0]!.contents;
  return { raw: text.length, gz: gzipSync(text, { level: 9 }).length };
}

const player = await gzipped(`${root}src/runtime/entry.ts`);
const quiz = await gzipped(`${root}src/runtime/quiz/index.ts`);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
console.log('\nRuntime size (minified, es2020):');
console.log(`  player with quiz engine   ${kb(player.raw).padStart(10)}   gzipped ${kb(player.gz).padStart(9)}`);
console.log(`  quiz engine bundled alone ${kb(quiz.raw).padStart(10)}   gzipped ${kb(quiz.gz).padStart(9)}`);
