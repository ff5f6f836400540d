/**
 * What the module mark is made of, on the module's last page: which parts count (tests and
 * cases with a weight), each part's weight and share, each part's mark once known, that the
 * knowledge checks do not count, the module mark, and what the module still asks for. A mark the
 * trainee can trace back to its parts is a mark they can trust; a mark that comes from a case
 * alone while six knowledge checks went wrong says so here.
 */
import { type GradeBand, type ModulePackage, formatNumber, gradeBandFor } from '../../core/index.js';
import type { ModuleResult } from '../tracking/index.js';
import type { GradedComponent } from './grade.js';
import type { OutcomeSummary } from './state.js';
import type { Strings } from './strings.js';

export interface GradePart {
  readonly id: string;
  readonly kind: 'test' | 'case';
  readonly title: string;
  readonly weight: number;
  /** Share of the module mark, 0..1 (equal shares when every weight is 0, as moduleResult counts). */
  readonly share: number;
  readonly outcome?: OutcomeSummary;
}

/** The graded parts in the order the module shows them, each with its title and share. */
export function gradeParts(data: ModulePackage, graded: readonly GradedComponent[], outcomes: Readonly<Record<string, OutcomeSummary>>): GradePart[] {
  const total = graded.reduce((s, g) => s + g.weight, 0);
  return graded.map((g) => {
    const test = data.tests.find((t) => t.id === g.id);
    const cs = test ? undefined : data.cases.find((c) => c.id === g.id);
    const outcome = outcomes[g.id];
    return {
      id: g.id,
      kind: test ? 'test' : 'case',
      title: test ? (test.title ?? data.module.title) : (cs?.title ?? g.id),
      weight: g.weight,
      share: total > 0 ? g.weight / total : 1 / graded.length,
      ...(outcome ? { outcome } : {}),
    };
  });
}

/**
 * Auto-scored knowledge checks written on the module's pages (placeholders the build left in the
 * page HTML). Essays are left out: a written answer goes to the instructor, it is no practice
 * question, and the package scores it nowhere.
 */
export function knowledgeCheckCount(data: ModulePackage, ids: readonly string[] = questionIdsInHtml(data)): number {
  const kinds = new Map(data.questions.map((q) => [(q as { id?: unknown }).id, (q as { kind?: unknown }).kind]));
  return ids.filter((id) => kinds.has(id) && kinds.get(id) !== 'essay').length;
}

/** The question placeholders of pages whose HTML the data still carries (a page the document does not hold). */
export function questionIdsInHtml(data: ModulePackage): string[] {
  return data.pages.flatMap((p) => [...p.html.matchAll(/data-bd-question="([^"]+)"/g)].map((m) => m[1]!));
}

export interface SummaryInput {
  readonly parts: readonly GradePart[];
  readonly checks: number;
  readonly passMark: number;
  readonly result: ModuleResult | undefined;
  readonly bands: readonly GradeBand[];
  /** What the module still asks for before it is complete (a case's reflection). */
  readonly owed: readonly string[];
}

function bandName(bands: readonly GradeBand[], mark: number, lang: 'vi' | 'en'): string {
  const band = gradeBandFor(bands, mark);
  return band ? (band.name[lang] ?? band.name['vi'] ?? band.id) : '';
}

/** The summary's element, redrawn by `update` whenever an outcome or what is owed changes. */
export class GradeSummary {
  readonly el: HTMLElement;

  constructor(
    doc: Document,
    private readonly t: Strings,
    private readonly lang: 'vi' | 'en',
  ) {
    this.el = doc.createElement('section');
    this.el.className = 'bd-grade-summary';
    this.el.setAttribute('aria-labelledby', 'bd-grade-summary-title');
  }

  update(input: SummaryInput): void {
    const { t, lang } = this;
    const doc = this.el.ownerDocument;
    const p = (cls: string, text: string): HTMLElement => {
      const e = doc.createElement('p');
      e.className = cls;
      e.textContent = text;
      return e;
    };
    const number = (n: number): string => formatNumber(n, lang);
    const title = doc.createElement('h3');
    title.id = 'bd-grade-summary-title';
    title.textContent = t.summaryTitle;
    const nodes: Node[] = [title];
    if (input.parts.length === 0) nodes.push(p('bd-grade-how', t.summaryUngraded));
    else {
      // One part is the whole mark: its weight (often a leftover like 0,3) would only puzzle the trainee.
      const one = input.parts.length === 1;
      nodes.push(p('bd-grade-how', (one ? t.summaryHowOne : t.summaryHow)(number(input.passMark))));
      const list = doc.createElement('ul');
      list.className = 'bd-grade-parts';
      for (const part of input.parts) {
        const li = doc.createElement('li');
        li.dataset['part'] = part.id;
        const mark = part.outcome ? t.partMark(number(part.outcome.m), part.outcome.p === 1, bandName(input.bands, part.outcome.m, lang)) : t.partPending;
        const share = one ? t.partWhole : t.partWeight(number(part.weight), number(Math.round(part.share * 1000) / 10));
        li.textContent = `${t.partName(part.kind, part.title)}: ${share} — ${mark}`;
        list.append(li);
      }
      nodes.push(list);
    }
    if (input.checks > 0) nodes.push(p('bd-grade-checks', t.summaryChecks(input.checks)));
    if (input.parts.length > 0) {
      const r = input.result;
      nodes.push(p('bd-grade-total', r ? t.summaryTotal(number(r.mark), r.passed, bandName(input.bands, r.mark, lang)) : t.summaryTotalPending));
    }
    if (input.owed.length > 0) nodes.push(p('bd-grade-owed', t.summaryOwed(input.owed.join('; '))));
    this.el.replaceChildren(...nodes);
  }
}
