/**
 * The viewer's page from statements any client may have written to the LRS: nothing it cannot
 * read breaks the page or is dropped, and nothing in a statement becomes markup.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/core/index.js';
import { activityLookup, statementsPage } from '../../src/lms/pages/index.js';

const page = (statements: Record<string, unknown>[], lang: 'vi' | 'en' = 'vi'): string =>
  statementsPage(statements, {}, { learners: [], courses: [], verbs: [VERBS.answered] }, activityLookup([]), lang);

describe('statement viewer page', () => {
  it('shows an answer it cannot read as recorded, escaped, and keeps the page whole', () => {
    const html = page([
      {
        actor: { name: '<b>Hùng</b>' },
        verb: { id: VERBS.answered.id },
        object: { id: 'https://x/modules/m/interactions/%E0%A4%A', definition: { interactionType: 'choice' } },
        result: { response: '<script>alert(1)</script>[,]z', success: false },
        timestamp: 'không phải ngày',
      },
    ]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;[,]z');
    expect(html).toContain('&lt;b&gt;Hùng&lt;/b&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('>không phải ngày</time>');
    expect(html).toContain('Chưa đúng');
    expect(html).not.toContain('/10');
  });

  it('names a verb in the UI language from its display, falling back to ours, then to the IRI', () => {
    const html = page(
      [
        { actor: {}, verb: { id: VERBS.passed.id, display: { vi: 'đã đạt', 'en-US': 'passed' } }, object: { id: 'a' }, timestamp: '2026-01-01T00:00:00Z' },
        { actor: {}, verb: { id: VERBS.resumed.id }, object: { id: 'b' }, timestamp: '2026-01-01T00:00:00Z' },
        { actor: {}, verb: { id: 'https://example.org/verbs/reviewed' }, object: { id: 'c' }, timestamp: '2026-01-01T00:00:00Z' },
      ],
      'en',
    );
    expect(html).toContain('>passed</td>');
    expect(html).toContain('>resumed</td>');
    expect(html).toContain('>reviewed</td>');
    expect(html).toContain('2026-01-01 07:00');
  });
});
