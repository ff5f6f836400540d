/**
 * What the LMS did not keep, told to the learner: a visible, polite message (once per kind, so a
 * refusal repeated on every save does not flood the page) and a line for whoever supports them.
 */
import type { Refusal } from '../tracking/index.js';
import type { Strings } from './strings.js';

export type NoticeKind = 'answer' | 'progress' | 'result' | 'saving' | 'resume';

/** Which part of the learner's work a refused element holds. */
export function noticeKindOf(element: string): NoticeKind {
  if (element === 'commit') return 'saving';
  if (element.startsWith('cmi.interactions.')) return 'answer';
  if (/^cmi\.(suspend_data|location|core\.lesson_location|progress_measure)$/.test(element)) return 'progress';
  if (/^cmi\.(core\.exit|exit|core\.session_time|session_time)$/.test(element)) return 'progress';
  return 'result';
}

export class Notices {
  private box: HTMLElement | undefined;
  private readonly shown = new Set<NoticeKind>();
  private readonly pending: { kind: NoticeKind; detail: string }[] = [];
  private t: Strings | undefined;

  constructor(private readonly announce: (message: string) => void) {}

  /** Show notices in a box placed before `anchor`; notices raised earlier (at launch) appear now. */
  attach(anchor: HTMLElement, t: Strings): void {
    this.t = t;
    const box = anchor.ownerDocument.createElement('div');
    box.className = 'bd-notices';
    box.hidden = true;
    anchor.before(box);
    this.box = box;
    for (const p of this.pending.splice(0)) this.show(p.kind, p.detail);
  }

  refused(r: Refusal): void {
    this.show(noticeKindOf(r.element), `${r.element} (${r.code || '?'})`);
  }

  show(kind: NoticeKind, detail = ''): void {
    if (!this.box || !this.t) {
      this.pending.push({ kind, detail });
      return;
    }
    if (this.shown.has(kind)) return;
    this.shown.add(kind);
    const doc = this.box.ownerDocument;
    const p = doc.createElement('p');
    p.className = 'bd-notice';
    p.dataset['notice'] = kind;
    p.textContent = this.t.notice[kind];
    if (detail) {
      const small = doc.createElement('small');
      small.textContent = ` ${this.t.noticeDetail(detail)}`;
      p.append(small);
    }
    this.box.append(p);
    this.box.hidden = false;
    this.announce(this.t.notice[kind]);
  }
}
