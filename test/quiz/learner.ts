/**
 * A learner in the browser: answers a drawn question through the quiz UI (clicks, typing,
 * select boxes, move buttons), right or deliberately wrong, and says what response that gives.
 */
import type { Frame } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import type { Question } from '../../src/core/quiz/model.js';
import type { Response } from '../../src/core/quiz/response.js';

export type Intent = 'right' | 'wrong';

/** A question of the course by id (the draw gives ids; the learner needs the question). */
export function questionOf(course: Course, id: string): Question {
  const q = course.modules.flatMap((m) => m.questions).find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

/** The response the learner will give, so expectations can be computed in Node. */
export function plannedResponse(q: Question, intent: Intent): Response {
  switch (q.kind) {
    case 'single':
    case 'truefalse': {
      const c = q.choices.find((x) => x.correct === (intent === 'right'))!;
      return { kind: 'choice', choices: [c.id] };
    }
    case 'multiple': {
      const right = q.choices.filter((c) => c.correct).map((c) => c.id);
      return { kind: 'choice', choices: intent === 'right' ? right : right.slice(0, 1) };
    }
    case 'fill':
      return { kind: 'text', text: intent === 'right' ? 'ha noi' : 'Hải Phòng' };
    case 'numeric':
      return { kind: 'number', text: intent === 'right' ? String(q.min) : String(q.max + 10) };
    case 'matching': {
      const pairs = Object.fromEntries(q.pairs);
      if (intent === 'wrong') {
        const [[s1, t1], [s2, t2]] = q.pairs as [readonly [string, string], readonly [string, string]];
        pairs[s1] = t2;
        pairs[s2] = t1;
      }
      return { kind: 'pairs', pairs };
    }
    case 'ordering': {
      const ids = q.steps.map((s) => s.id);
      return { kind: 'order', steps: intent === 'right' ? ids : [...ids].reverse() };
    }
    case 'essay':
      return { kind: 'text', text: 'Lắng nghe dân; công khai kết luận; theo dõi việc giải quyết.' };
  }
}

/** Performs `r` on the question's fieldset inside the SCO frame. */
export async function answer(frame: Frame, q: Question, r: Response): Promise<void> {
  const root = `fieldset[data-question="${q.id}"]`;
  switch (r.kind) {
    case 'choice':
      for (const id of r.choices) await frame.click(`${root} [data-choice="${id}"]`);
      return;
    case 'text':
    case 'number':
      await frame.fill(`${root} input, ${root} textarea`, r.text);
      return;
    case 'pairs':
      for (const [s, t] of Object.entries(r.pairs)) await frame.selectOption(`${root} [data-source="${s}"] select`, t);
      return;
    case 'order': {
      // Bring each wanted step up to its place with the keyboard-operable "move up" buttons.
      let moved = false;
      for (let i = 0; i < r.steps.length; i++) {
        const order = await frame.$$eval(`${root} li[data-step]`, (lis) => lis.map((li) => li.getAttribute('data-step')!));
        let j = order.indexOf(r.steps[i]!);
        while (j > i) {
          await frame.click(`${root} li[data-step="${r.steps[i]}"] button[data-move="up"]`);
          moved = true;
          j--;
        }
      }
      // An order counts as answered once the learner has moved a step. When the draw already
      // shows the wanted order, the learner moves the first step down and back up.
      if (!moved) {
        await frame.click(`${root} li[data-step="${r.steps[0]}"] button[data-move="down"]`);
        await frame.click(`${root} li[data-step="${r.steps[0]}"] button[data-move="up"]`);
      }
      return;
    }
  }
}
