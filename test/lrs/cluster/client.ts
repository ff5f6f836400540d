/** A small xAPI client for the cluster tests: one call, JSON in and out, against any endpoint. */
import { randomUUID } from 'node:crypto';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = any>(): T;
}

export async function xapi(base: string, authorization: string | null, method: string, path: string, body?: unknown, version = '1.0.3'): Promise<Answer> {
  const headers: Record<string, string> = { 'x-experience-api-version': version };
  if (authorization !== null) headers['authorization'] = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : path.startsWith('/xapi/') ? new URL(path, base).href : `${base}${path}`;
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const basicAuth = (key: string, secret: string): string => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

let counter = 0;
/** A statement with its id, as the player writes one (an answered question of a learner). */
export function playerStatement(learner = 1, over: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  counter++;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: `Học viên ${learner}`, account: { homePage: 'https://boiduong.example', name: `hv-${learner}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { vi: 'đã trả lời' } },
    object: { id: `https://boiduong.example/course/c1/q${counter % 50}`, definition: { name: { vi: `Câu hỏi ${counter % 50}` } } },
    result: { success: true, score: { scaled: 0.8 } },
    ...over,
  };
}
