import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseHeader, questionPlugin, testPlugin } from '../../src/author/quiz/index.js';
import { runBlock } from './support.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/quiz.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema);
const validateQuestion = ajv.getSchema('https://boiduong.example/schemas/quiz.schema.json#/definitions/question')!;
const validateTest = ajv.getSchema('https://boiduong.example/schemas/quiz.schema.json#/definitions/test')!;

/** The header as the schema sees it: attributes plus the kind and flags from bare words. */
function asObject(header: string, withKind: boolean): Record<string, unknown> {
  const h = parseHeader(header);
  const o: Record<string, unknown> = Object.fromEntries(h.attrs);
  const words = [...h.words];
  if (withKind && words.length > 0) o['kind'] = words.shift();
  for (const w of words) o[w] = true;
  return o;
}

describe('quiz.schema.json agrees with the parser', () => {
  const questions = [
    ['single id=a points=2 topic=dan-van', true],
    ['fill id=b nocase nodiacritics', true],
    ['essay id=c max=2000', true],
    ['single id=d attempts=2 review=never practice', true],
    ['single id=e attempts=many', false],
    ['single id=a point=2', false],
    ['singel id=a', false],
    ['single id=Câu', false],
  ] as const;
  it.each(questions)('question header "%s" valid=%s, and the parser reports no errors exactly when valid', (header, valid) => {
    expect(validateQuestion(asObject(header, true))).toBe(valid);
    const out = runBlock(questionPlugin, `:::question ${header}\nHỏi?\n- [x] Đúng\n- [ ] Sai\n= x\n:::`);
    // A header the schema refuses always draws a diagnostic (error or warning) from the parser.
    if (!valid) expect(out.diagnostics.length).toBeGreaterThan(0);
  });

  const tests = [
    ['id=t pass=5 attempts=2 time=45m review=after-pass title="Kiểm tra"', true],
    ['id=t pass=6,5 time=1h30m shuffle=false shuffle-choices=true weight=0.5', true],
    ['id=t pass=11', false],
    ['id=t review=sometimes', false],
    ['id=t attemps=2', false],
  ] as const;
  it.each(tests)('test header "%s" valid=%s', (header, valid) => {
    expect(validateTest(asObject(header, false))).toBe(valid);
    const out = runBlock(testPlugin, `:::test ${header}\n- 1 from topic dan-van\n:::`);
    expect(out.diagnostics.length === 0).toBe(valid);
  });
});
