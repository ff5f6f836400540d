/** Shared steps of the format tests: load a course, page through a module, wait for the LRS. */
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { statementProblems } from '../../../src/core/xapi/validate.js';
import type { ProjectLrs } from './lrs.js';

export type Doc = Page | Frame;

export const ACTOR = { objectType: 'Agent', name: 'Nguyễn Thị Hoa', account: { homePage: 'https://lms.daotao.example.gov.vn', name: 'hv-0042' } } as const;

/** The player has started (it marks its root bd-js); the page's sections exist before that, written at build time. */
export async function waitForPlayer(doc: Doc): Promise<void> {
  await doc.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
}

export async function title(doc: Doc): Promise<string> {
  return (await doc.textContent('.bd-page:not([hidden]) .bd-page-title')) ?? '';
}

/** Click Next until the last page (where the same control becomes the next step). */
export async function readToEnd(doc: Doc): Promise<void> {
  while ((await doc.getAttribute('.bd-next', 'data-step')) === 'next') await doc.click('.bd-next');
}

export type Stmt = Record<string, any>;

export const verbName = (s: Stmt): string => String(s['verb']['id']).split('/').pop() ?? '';

export async function until<T>(what: string, get: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The statements of one registration, in the order the LRS stored them, read over xAPI. */
export async function ofRegistration(lrs: ProjectLrs, registration: string): Promise<Stmt[]> {
  return (await lrs.statements(registration));
}

/** Every statement valid against the project's xAPI statement schema. */
export function expectValid(statements: readonly Stmt[]): void {
  for (const s of statements) expect(statementProblems(s), `${verbName(s)} ${String(s['id'])}`).toEqual([]);
}

export function categories(s: Stmt): string[] {
  return ((s['context']?.['contextActivities']?.['category'] ?? []) as { id: string }[]).map((c) => c.id);
}
