/**
 * A body bound for a transaction that stamps `stored` as it inserts holds the mark where its top
 * level's stored value was, and nowhere else: not where an extension quotes the same text.
 */
import { describe, expect, it } from 'vitest';
import { STORED_MARK, markedForStamp } from '../../src/lrs/store/postgres/stamp.js';
import type { StatementRow } from '../../src/lrs/store/store.js';

const STORED = '2026-12-02T07:00:00.123Z';

function rowOf(statement: Record<string, unknown>): StatementRow {
  return { id: String(statement['id']), body: JSON.stringify(statement), statement, stored: STORED, verbId: 'v', agents: [], activities: [] };
}

/** The statement's JSON with the mark as its top level's stored value. */
function expected(statement: Record<string, unknown>): string {
  return JSON.stringify({ ...statement, stored: '@@stored@@' }).replace('"@@stored@@"', `"${STORED_MARK}"`);
}

const statement = {
  id: '9f0c4a5e-3b1d-4c2a-8e7f-1a2b3c4d5e6f',
  actor: { objectType: 'Agent', account: { homePage: 'https://daotao.example.vn', name: 'hv001' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
  object: { id: 'https://daotao.example.vn/xapi/m1', definition: { name: { vi: 'Học phần "Nghị quyết"' } } },
  result: { completion: true, extensions: { 'https://daotao.example.vn/x/ghi-chu': 'dòng\nmới \u0007' } },
  timestamp: '2026-12-02T06:59:58.000Z',
  stored: STORED,
  authority: { objectType: 'Agent', account: { homePage: 'https://daotao.example.vn', name: 'lrs' } },
  version: '1.0.0',
};

describe('markedForStamp', () => {
  it("puts the mark in place of the top level's stored value, the rest of the body as it was", () => {
    const body = markedForStamp(rowOf(statement)).body;
    expect(body).toBe(expected(statement));
    expect(body.split(STORED_MARK)).toHaveLength(2);
  });

  it('marks the top level when stored is the first key', () => {
    const { stored, ...rest } = statement;
    const first = { stored, ...rest };
    expect(markedForStamp(rowOf(first)).body).toBe(expected(first));
  });

  it('leaves an extension that quotes the same stored text as it is', () => {
    // The quotation comes first in the body: the first occurrence of the text is not the top level's.
    const quoting = { context: { extensions: { 'https://daotao.example.vn/x/ban-sao': { stored: STORED } } }, ...statement };
    const body = markedForStamp(rowOf(quoting)).body;
    expect(body).toBe(expected(quoting));
    expect(body).toContain(`{"stored":"${STORED}"}`);
    expect(body.split(STORED_MARK)).toHaveLength(2);
  });

  it('adds the mark to a statement without stored, and reads a body without its object', () => {
    const { stored: _, ...without } = statement;
    const row = { ...rowOf(without), statement: undefined };
    const body = markedForStamp(row).body;
    expect(body).toBe(JSON.stringify(without).replace(/}$/, `,"stored":"${STORED_MARK}"}`));
  });
});
