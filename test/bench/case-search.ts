/**
 * How long the best-path search takes on large hand-written-like cases, and how big the resume
 * state gets. Run: npx tsx test/bench/case-search.ts   (CASE_BENCH_LONG=1 for bigger cases)
 */
import { exploreCase } from '../../src/core/case/best.js';
import type { CaseChoice, CaseStudy, Condition, Scene } from '../../src/core/case/model.js';
import { packCaseState } from '../../src/core/case/state.js';
import { availableChoices, chooseInCase, startCaseWalk, walkLetters } from '../../src/core/case/walk.js';

/**
 * A layered case: `layers` decision layers of `width` scenes, 3 choices each, every other one
 * conditional on the score; `loopEvery` = n gives every n-th scene a "try again" choice back to
 * the layer before (1 = every scene: the worst case for the search).
 */
function layeredCase(layers: number, width: number, loopEvery: number): CaseStudy {
  const scenes: Scene[] = [];
  const id = (l: number, w: number) => `l${l}-s${w}`;
  for (let l = 0; l < layers; l++) {
    for (let w = 0; w < width; w++) {
      const next = (k: number) => (l + 1 < layers ? id(l + 1, (w + k) % width) : `ket-${k % 3}`);
      const conditional: Condition | undefined = w % 2 === 0 ? { kind: 'score', op: '>=', value: l } : undefined;
      const choices: CaseChoice[] = [
        { id: 'a', labelHtml: 'A', labelText: 'A', target: next(0), points: 2, line: 1, ...(conditional ? { condition: conditional } : {}) },
        { id: 'b', labelHtml: 'B', labelText: 'B', target: next(1), points: 1, line: 1 },
        { id: 'c', labelHtml: 'C', labelText: 'C', target: l > 0 && (l * width + w) % loopEvery === 0 ? id(l - 1, w) : next(2), points: -1, line: 1 },
      ];
      scenes.push({ id: id(l, w), title: id(l, w), html: '', line: 1, choices, reflections: [] });
    }
  }
  for (let k = 0; k < 3; k++) scenes.push({ id: `ket-${k}`, title: 'end', html: '', line: 1, choices: [], reflections: [], outcome: `o${k}` });
  return { id: 'bench', module: 'm', file: 'm.md', line: 1, title: 'Bench', situationHtml: '', start: id(0, 0), weight: 1, allowBack: true, scenes, lang: 'vi' };
}

const sizes: [number, number, number][] = process.env['CASE_BENCH_LONG']
  ? [[6, 4, 1000], [10, 5, 1000], [10, 5, 7], [20, 5, 5], [4, 3, 1], [5, 3, 1]]
  : [[6, 4, 1000], [10, 5, 7], [4, 3, 1]];
for (const [layers, width, loopEvery] of sizes) {
  const cs = layeredCase(layers, width, loopEvery);
  const t0 = performance.now();
  const found = exploreCase(cs);
  const ms = performance.now() - t0;
  // The longest state: walk the best path then pad with the worst case of 20 more letters.
  let walk = startCaseWalk(cs);
  for (const l of found.bestLetters) walk = chooseInCase(cs, walk, l) ?? walk;
  while (!walk.ended) {
    const c = availableChoices(cs, walk)[0];
    if (!c) break;
    walk = chooseInCase(cs, walk, c.id) ?? walk;
  }
  const state = JSON.stringify(packCaseState({ letters: walkLetters(walk), backs: 3, reflections: ['ket-0-r1', 'l2-s1-r1'], elapsedMs: 1_234_000, reported: true }));
  console.log(
    `${cs.scenes.length} scenes (${layers}×${width}, loop every ${loopEvery > 100 ? '—' : loopEvery}): best ${found.best} in ${ms.toFixed(1)} ms${found.complete ? '' : ' (budget hit)'}, ` +
      `walk of ${walk.steps.length} decisions → state ${state.length} chars`,
  );
}
