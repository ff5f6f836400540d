/**
 * Property checks over random learner responses of every kind: the SCORM 1.2 response fits the
 * 1.2 format for its type, scorm-again accepts the SCORM 2004 response, the compact resume form
 * round-trips, and scoring agrees with the correct pattern.
 */
import { describe, expect, it } from 'vitest';
import { Scorm2004API } from 'scorm-again';
import { correctPatterns, formatResponse, interactionType } from '../../src/core/quiz/interaction.js';
import type { Question } from '../../src/core/quiz/model.js';
import { decodeResponse, encodeResponse, type Response } from '../../src/core/quiz/response.js';
import { rng, shuffle } from '../../src/core/quiz/random.js';
import { isCorrect } from '../../src/core/quiz/scoring.js';
import { ALL_KINDS, parsed } from './questions.js';

const FORMAT_12: Record<string, RegExp> = {
  choice: /^([0-9a-z](,[0-9a-z])*)?$/,
  'true-false': /^[tf01]?$/,
  'fill-in': /^[\s\S]{0,255}$/,
  numeric: /^(-?\d+(\.\d+)?)?$/,
  matching: /^([0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*)?$/,
  sequencing: /^([0-9a-z](,[0-9a-z])*)?$/,
  performance: /^[\s\S]{0,255}$/,
};

const TEXTS = ['Hà Nội', 'ha noi', 'Đảng ủy xã', '  nhiều   khoảng trắng ', 'a[,]b', 'x~y|z%', 'dòng 1\ndòng 2', '', '12,5', '-3', 'abc', '{lang=en}giả mạo', '{x'];

function randomResponse(q: Question, random: () => number): Response | undefined {
  if (random() < 0.1) return undefined;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  switch (q.kind) {
    case 'single':
    case 'truefalse':
      return { kind: 'choice', choices: [pick(q.choices).id] };
    case 'multiple':
      return { kind: 'choice', choices: shuffle(q.choices.map((c) => c.id), random).slice(0, 1 + Math.floor(random() * q.choices.length)) };
    case 'fill':
    case 'essay':
      return { kind: 'text', text: pick(TEXTS) + (random() < 0.2 ? 'x'.repeat(Math.floor(random() * 400)) : '') };
    case 'numeric':
      return { kind: 'number', text: random() < 0.8 ? String(Math.round((random() * 100 - 10) * 100) / 100).replace('.', random() < 0.5 ? ',' : '.') : pick(TEXTS) };
    case 'matching': {
      const targets = shuffle(q.targets.map((t) => t.id), random);
      const pairs: Record<string, string> = {};
      q.sources.forEach((s, i) => {
        if (random() < 0.85) pairs[s.id] = targets[i % targets.length]!;
      });
      return { kind: 'pairs', pairs };
    }
    case 'ordering':
      return { kind: 'order', steps: shuffle(q.steps.map((s) => s.id), random) };
  }
}

describe('random responses of every kind', () => {
  it('fit the SCORM 1.2 format, are accepted by scorm-again for 2004, round-trip compactly, and score by the pattern', () => {
    const api = new Scorm2004API({ logLevel: 5 });
    api.Initialize('');
    const random = rng(2024);
    let n = 0;
    for (const kind of ALL_KINDS) {
      const q = parsed(kind);
      const type = interactionType(q);
      for (let run = 0; run < 150; run++) {
        const r = randomResponse(q, random);
        const f = formatResponse(q, r);
        const type12 = type === 'long-fill-in' ? 'performance' : type;
        expect(f.scorm12, `${kind} ${JSON.stringify(r)}`).toMatch(FORMAT_12[type12]!);
        if (r !== undefined) expect(decodeResponse(q, encodeResponse(r))).toEqual(r);
        // One interaction slot per response: scorm-again validates learner_response against the type.
        if (f.scorm2004 !== '') {
          api.SetValue(`cmi.interactions.${n}.id`, `q${n}`);
          api.SetValue(`cmi.interactions.${n}.type`, type);
          expect(api.SetValue(`cmi.interactions.${n}.learner_response`, f.scorm2004), `${kind} "${f.scorm2004}" → ${api.GetLastError()}`).toBe('true');
          n++;
        }
        // For choice-like kinds a response is right exactly when it equals the correct pattern.
        if (kind === 'single' || kind === 'multiple' || kind === 'truefalse' || kind === 'ordering')
          expect(isCorrect(q, r)).toBe(f.scorm2004 === correctPatterns(q).scorm2004[0]);
      }
    }
  });
});
