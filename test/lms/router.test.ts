import { describe, expect, it } from 'vitest';
import { findRoute, pathSegments, route, type Route } from '../../src/lms/router.js';

type Seen = { name: string; params: unknown };

function table(seen: Seen[]): Route<null>[] {
  return [
    route('GET', '/', () => void seen.push({ name: 'home', params: {} })),
    route('GET', '/launch/:course/:module/:format', (_c, p) => void seen.push({ name: 'launch', params: { ...p } })),
    route('GET', '/pkg/:course/:format/*', (_c, p) => void seen.push({ name: 'pkg', params: { ...p } })),
    route('POST', '/api/scorm/:attempt', (_c, p) => void seen.push({ name: 'commit', params: { ...p } })),
  ];
}

async function dispatch(method: string, path: string): Promise<Seen | undefined> {
  const seen: Seen[] = [];
  const run = findRoute(table(seen), method, path, pathSegments(path));
  await run?.(null);
  return seen[0];
}

describe('preview LMS route table', () => {
  it('matches a plain path exactly, and only with its method', async () => {
    expect(await dispatch('GET', '/')).toEqual({ name: 'home', params: {} });
    expect(await dispatch('POST', '/')).toBeUndefined();
    expect(await dispatch('GET', '//')).toBeUndefined();
  });

  it('binds named, decoded segments and needs exactly as many', async () => {
    expect(await dispatch('GET', '/launch/kh%C3%B3a/m1/cmi5')).toEqual({ name: 'launch', params: { course: 'khóa', module: 'm1', format: 'cmi5' } });
    expect(await dispatch('GET', '/launch/c/m1/cmi5/')).toEqual({ name: 'launch', params: { course: 'c', module: 'm1', format: 'cmi5' } });
    expect(await dispatch('GET', '/launch/c/m1')).toBeUndefined();
    expect(await dispatch('GET', '/launch/c/m1/cmi5/x')).toBeUndefined();
    expect(await dispatch('POST', '/api/scorm/a-1')).toEqual({ name: 'commit', params: { attempt: 'a-1' } });
    expect(await dispatch('POST', '/api/other/a-1')).toBeUndefined();
  });

  it('hands the segments after a final * over as rest, needing at least one', async () => {
    expect(await dispatch('GET', '/pkg/c/scorm12/modules/m1/index.html')).toEqual({
      name: 'pkg',
      params: { course: 'c', format: 'scorm12', rest: ['modules', 'm1', 'index.html'] },
    });
    expect(await dispatch('GET', '/pkg/c/scorm12')).toBeUndefined();
  });

  it('throws on a segment it cannot decode (the server answers 500)', () => {
    expect(() => pathSegments('/launch/%E0%A4%A')).toThrow(URIError);
  });
});
