/**
 * The player's fixed frame: header, page list, page area, prev/next, live region.
 *
 * Inside an LMS the player shares the screen with the LMS's own navigation (Moodle: its course
 * index, its table of contents, its "< >" bar). So: a one-page module shows no page list and no
 * pager (there is nowhere to go; Moodle's bar and course page do that); the page list follows
 * the frame's width as it changes (Moodle's course index opening or closing resizes the frame
 * between ~650 and ~900 px at 1,280 px), open beside the page when wide, folded above it when
 * narrow; and a narrow frame inside another page leaves a gutter on the left, where Moodle's
 * course-index button floats over the content at phone widths.
 */
import type { ModulePackage } from '../../core/index.js';
import type { Strings } from './strings.js';

export interface Layout {
  readonly pages: HTMLElement;
  readonly list: HTMLOListElement;
  readonly toc: HTMLDetailsElement;
  readonly counter: HTMLElement;
  readonly prev: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly live: HTMLElement;
  readonly status: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The width from which the page list sits beside the page (player.css says the same). */
export const WIDE_FRAME = '(min-width: 800px)';

/** The id of a page's section: the static page (compile/static-body.ts) writes the same. */
export function sectionId(pageId: string): string {
  return `bd-page-${pageId}`;
}

/**
 * The frame around the pages. A page written at build time (`data-bd-static`) already has the
 * header, the page list and the sections: they are adopted where they are, so what the trainee
 * is reading does not move; only the parts that need the script (pager, status, live region)
 * are added below. A bare root (tests, an old page) gets the whole frame built.
 */
export function renderLayout(root: HTMLElement, data: ModulePackage, t: Strings, wide: boolean): Layout {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  // In a frame (an LMS page around us): the CSS leaves room for the LMS's floating buttons.
  if (win && win.parent !== win) doc.documentElement.classList.add('bd-framed');
  const onePage = data.pages.length <= 1;
  const adopted = root.hasAttribute('data-bd-static') ? adopt(root) : undefined;
  const { counter, toc, list, pages } = adopted ?? build(root, data, t);
  toc.open = wide;
  toc.hidden = onePage;
  // Follow the frame's width after the start too, unless the learner already chose.
  const query = win?.matchMedia?.(WIDE_FRAME);
  let chosen = false;
  // The learner's own click (Enter and Space on a summary click it too), not the toggle event:
  // that one comes later, and a resize in between made the learner's choice look like ours.
  toc.querySelector('summary')?.addEventListener('click', () => (chosen = true));
  query?.addEventListener?.('change', (e) => {
    if (!chosen) toc.open = e.matches;
  });

  const status = el(doc, 'p', 'bd-status');
  status.hidden = true;

  const bar = el(doc, 'nav', 'bd-nav');
  bar.setAttribute('aria-label', t.pager);
  const prev = el(doc, 'button', 'bd-prev', `← ${t.previous}`);
  prev.type = 'button';
  const next = el(doc, 'button', 'bd-next', `${t.next} →`);
  next.type = 'button';
  bar.append(prev, next);
  bar.hidden = onePage;

  const live = el(doc, 'div', 'bd-live');
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');

  root.append(status, bar, live);
  root.classList.add('bd-js');
  root.removeAttribute('aria-busy');
  return { pages, list, toc, counter, prev, next, live, status };
}

type Adopted = Pick<Layout, 'counter' | 'toc' | 'list' | 'pages'>;

function adopt(root: HTMLElement): Adopted | undefined {
  const counter = root.querySelector<HTMLElement>('.bd-header .bd-counter');
  const toc = root.querySelector<HTMLDetailsElement>('details.bd-toc');
  const list = root.querySelector<HTMLOListElement>('ol.bd-list');
  const pages = root.querySelector<HTMLElement>('.bd-pages');
  return counter && toc && list && pages ? { counter, toc, list, pages } : undefined;
}

function build(root: HTMLElement, data: ModulePackage, t: Strings): Adopted {
  const doc = root.ownerDocument;
  root.textContent = '';
  const header = el(doc, 'header', 'bd-header');
  header.append(el(doc, 'p', 'bd-course', data.course.title), el(doc, 'h1', 'bd-title', data.module.title));
  const counter = el(doc, 'p', 'bd-counter');
  header.append(counter);
  const toc = el(doc, 'details', 'bd-toc');
  const summary = el(doc, 'summary', '', t.menu);
  const nav = el(doc, 'nav', '');
  nav.setAttribute('aria-label', t.pages);
  const list = el(doc, 'ol', 'bd-list');
  data.pages.forEach((p, i) => {
    const li = el(doc, 'li', '');
    const a = el(doc, 'a', 'bd-list-item');
    a.href = `#${sectionId(p.id)}`;
    a.dataset['page'] = String(i);
    a.append(el(doc, 'span', 'bd-list-title', p.title), el(doc, 'span', 'bd-seen', ''));
    li.append(a);
    list.append(li);
  });
  nav.append(list);
  toc.append(summary, nav);
  const pages = el(doc, 'div', 'bd-pages');
  const body = el(doc, 'div', 'bd-body');
  body.append(toc, pages);
  root.append(header, body);
  return { counter, toc, list, pages };
}
