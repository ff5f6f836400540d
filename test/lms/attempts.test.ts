import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttemptStore } from '../../src/lms/store/attempts.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('LMS attempt store', () => {
  it('keeps SCORM data across a reopen of the database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-lms-'));
    dirs.push(dir);
    const file = join(dir, 'lms.sqlite');
    const store = new AttemptStore(file);
    const a = store.create('hv001', 'c1', 'm1', 'scorm12');
    expect(store.saveCmi(a.id, { 'cmi.core.lesson_location': 'p2' })).toEqual({});
    expect(store.saveCmi(a.id, { 'cmi.core.lesson_location': 'p3', 'cmi.suspend_data': 'x' })).toEqual({ 'cmi.core.lesson_location': 'p2' });
    const reg = store.registration('hv001', 'c1');
    store.close();

    const again = new AttemptStore(file);
    expect(again.latest('hv001', 'c1', 'm1', 'scorm12')?.cmi).toEqual({ 'cmi.core.lesson_location': 'p3', 'cmi.suspend_data': 'x' });
    expect(again.latest('hv002', 'c1', 'm1', 'scorm12')).toBeUndefined();
    expect(again.registration('hv001', 'c1')).toEqual(reg);
    again.markSatisfied('hv001', 'c1', '2026-11-23T00:00:00Z');
    again.markSatisfied('hv001', 'c1', '2027-01-01T00:00:00Z');
    expect(again.registration('hv001', 'c1').satisfied).toBe('2026-11-23T00:00:00Z');
    expect(() => again.saveCmi('nope', {})).toThrow(/unknown attempt/);
    again.close();
  });
});
