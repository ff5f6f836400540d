/** The places outside TypeScript that name every question kind agree with the type. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUESTION_KINDS, questionPlugin } from '../../src/author/quiz/index.js';
import { runBlock } from './support.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/quiz.schema.json', import.meta.url), 'utf8')) as {
  definitions: { question: { properties: { kind: { enum: string[] } } } };
};

describe('question kinds', () => {
  it('quiz.schema.json lists every kind, in the order messages name them', () => {
    expect(schema.definitions.question.properties.kind.enum).toEqual([...QUESTION_KINDS]);
  });

  it('an unknown kind is refused with the list of every kind', () => {
    const out = runBlock(questionPlugin, ':::question hotspot id=a\nBấm vào trụ sở.\n:::');
    const d = out.diagnostics.find((x) => x.code === 'quiz/unknown-kind');
    expect(d?.message.vi).toContain(QUESTION_KINDS.join(', '));
    expect(d?.message.en).toContain(QUESTION_KINDS.join(', '));
  });
});
