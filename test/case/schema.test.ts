import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/case.schema.json' with { type: 'json' };
import { readCases } from './helpers.js';

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const COURSES = fileURLToPath(new URL('../../content/courses/', import.meta.url));

function sampleModules(): string[] {
  const files: string[] = [];
  for (const course of readdirSync(COURSES)) {
    const dir = `${COURSES}${course}/modules/`;
    try {
      for (const f of readdirSync(dir)) if (f.endsWith('.md')) files.push(`${dir}${f}`);
    } catch {
      // a course without modules yet
    }
  }
  return files;
}

describe('case.schema.json', () => {
  it('accepts every case of the sample content as packaged (JSON round trip)', () => {
    let count = 0;
    for (const file of sampleModules()) {
      for (const cs of readCases(readFileSync(file, 'utf8'), file).cases) {
        const ok = validate(JSON.parse(JSON.stringify(cs)));
        expect(validate.errors ?? [], `${file} ${cs.id}`).toEqual([]);
        expect(ok).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(2);
  });

  it('rejects a choice id SCORM cannot carry and an unknown condition kind', () => {
    const bad = {
      id: 'x', module: 'm', file: 'm.md', line: 1, title: 'X', situationHtml: '', start: 'a', weight: 1, allowBack: false, lang: 'vi',
      scenes: [{ id: 'a', title: 'A', html: '', line: 2, reflections: [], choices: [
        { id: 'aa', labelHtml: 'L', labelText: 'L', target: 'a', points: 1, line: 3, condition: { kind: 'maybe' } },
      ] }],
    };
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/scenes/0/choices/0/id');
    expect(paths.some((p) => p.startsWith('/scenes/0/choices/0/condition'))).toBe(true);
  });
});
