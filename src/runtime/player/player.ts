/**
 * The module player: shows one page at a time, mounts interactive components, keeps the resume
 * state, folds graded outcomes into the module grade and tells the tracker.
 */
import type { ModulePackage, AssessmentOutcome, InteractionRecord } from '../../core/index.js';
import type { LaunchMode, MountComponent, RuntimeContext } from '../context.js';
import type { ModuleResult, Tracker } from '../tracking/index.js';
import { COMPONENT_KINDS, hasComponent, isPending, loadComponent, mounterFor, owedWorkFor, type ComponentKind } from './components.js';
import { moduleResult, resultMessage, type GradedComponent } from './grade.js';
import { GradeSummary, gradeParts, knowledgeCheckCount, questionIdsInHtml } from './grade-summary.js';
import { renderLayout, sectionId, type Layout } from './layout.js';
import { componentPages, endLines, nextStep, type NextStep } from './next-step.js';
import { showEndPanel } from './end-panel.js';
import { loadLaterData, withLaterData } from './later-data.js';
import { Notices } from './notices.js';
import { foreignOwner, parseState, serializeState, serializeWithin, type PlayerState, type StateOwner } from './state.js';
import { STRINGS, UI_LANGS, type Strings } from './strings.js';
import { showUndelivered } from './undelivered.js';

export interface PlayerOptions {
  readonly now?: () => number;
}

export class Player {
  private state: PlayerState;
  private layout!: Layout;
  private t: Strings;
  private lang: 'vi' | 'en';
  private mode: LaunchMode = 'normal';
  private passMark: number;
  private graded: GradedComponent[] = [];
  private readonly sections = new Map<number, HTMLElement>();
  private completed = false;
  private lastResult: string | undefined;
  /** The owed-work message last shown, so it is not announced again on every save. */
  private lastOwed: string | undefined;
  private summary: GradeSummary | undefined;
  /** Practice questions on the pages, for the summary; counted again once the later file is here. */
  private checks: number;
  private returnUrl: string | undefined;
  private step: NextStep | undefined;
  private where = new Map<string, number>();
  private laterLoad: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly owner: StateOwner;
  private readonly notices = new Notices((m) => this.announce(m));

  constructor(
    private readonly root: HTMLElement,
    private data: ModulePackage,
    private readonly tracker: Tracker,
    options: PlayerOptions = {},
  ) {
    this.lang = data.lang;
    this.t = STRINGS[this.lang];
    this.state = parseState('', data.pages.length);
    this.passMark = data.module.pass;
    this.now = options.now ?? (() => Date.now());
    this.owner = { id: data.module.id, version: data.module.version };
    this.checks = knowledgeCheckCount(data);
    this.tracker.onRefusal?.((r) => this.notices.refused(r));
  }

  async start(): Promise<void> {
    const info = await this.tracker.start();
    this.mode = info.mode;
    if (info.lang && UI_LANGS.includes(info.lang)) this.lang = info.lang;
    this.t = STRINGS[this.lang];
    this.root.ownerDocument.documentElement.lang = this.lang;
    if (info.masteryScore !== undefined) this.passMark = info.masteryScore * 10;
    const foreign = info.resume ? foreignOwner(info.resume.suspendData, this.owner) : undefined;
    if (foreign) {
      // The LMS handed over another module's state (a content switch inside one API): its place
      // and answers mean nothing here, and taking its location would move this module's learner.
      console.warn(
        `[boiduong] resume state of module ${foreign.id}@${foreign.version} ignored: this is module ${this.owner.id}@${this.owner.version}`,
      );
    } else if (info.resume) {
      this.state = parseState(info.resume.suspendData, this.data.pages.length, this.owner);
      const byLocation = this.data.pages.findIndex((p) => p.id === info.resume?.location);
      if (byLocation >= 0) this.state.page = byLocation;
    }
    // Only components this build can show count towards the grade; otherwise the module could never finish.
    this.graded = [
      ...(hasComponent('test') ? this.data.tests.filter((t) => t.weight > 0) : []),
      ...(hasComponent('case') ? this.data.cases.filter((c) => c.weight > 0) : []),
    ].map((c) => ({ id: c.id, weight: c.weight }));
    const win = this.root.ownerDocument.defaultView;
    this.layout = renderLayout(this.root, this.data, this.t, (win?.innerWidth ?? 0) >= 800);
    this.summary = new GradeSummary(this.root.ownerDocument, this.t, this.lang);
    this.adoptSections(win);
    this.notices.attach(this.layout.status, this.t);
    if (this.tracker.format === 'standalone') this.showStatus(this.t.standalone);
    this.layout.prev.addEventListener('click', () => this.go(this.state.page - 1));
    this.layout.next.addEventListener('click', () => this.takeStep());
    this.layout.list.addEventListener('click', (e) => {
      const link = (e.target as HTMLElement).closest<HTMLElement>('[data-page]');
      if (!link) return;
      // The link's address is for a page without the script; here the player moves, the address stays.
      e.preventDefault();
      this.go(Number(link.dataset['page']));
    });
    win?.addEventListener('pagehide', () => this.tracker.finish(!this.completed));
    if (info.returnUrl && win) this.offerExit(info.returnUrl, win);
    this.returnUrl = info.returnUrl;
    const doc = this.root.ownerDocument;
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'hidden') this.tracker.commit();
    });
    this.tracker.watchUndelivered?.((records) => showUndelivered(this.layout.status, this.t, this.lang, records));
    this.show(this.state.page, false);
    this.prefetch(win);
  }

  /** Once the first page is up, the rest of the data and the code for this module's tests and cases come while the trainee reads. */
  private prefetch(win: Window | null): void {
    const needed: ComponentKind[] = [];
    if (this.data.tests.length > 0) needed.push('test');
    if (this.data.cases.length > 0) needed.push('case');
    win?.setTimeout(() => {
      // A module with a graded case completes only once the case code says what it still owes.
      needed.forEach((k) => void loadComponent(k).then(() => this.evaluate()));
      this.laterData().catch(() => undefined);
    }, 0);
  }

  /**
   * The rest of the module's data (compile/module-page.ts `later.js`): every question and the
   * cases in full, loaded once. Resolves at once when the page carried everything.
   */
  private laterData(): Promise<void> {
    const file = this.data.later;
    if (!file) return Promise.resolve();
    this.laterLoad ??= loadLaterData(this.root.ownerDocument, file).then(
      (later) => {
        this.data = withLaterData(this.data, later);
        this.checks = knowledgeCheckCount(this.data, this.questionIds());
        // What a case still owes is read from its scenes, which only the later file holds.
        this.evaluate();
      },
      (e: unknown) => {
        // Another page that needs it tries again.
        this.laterLoad = undefined;
        throw e;
      },
    );
    return this.laterLoad;
  }

  /** Whether a component's data is still in the later file: a test draws from all questions, a case is a stub until then. */
  private waitsForLater(kind: ComponentKind, id: string): boolean {
    if (!this.data.later) return false;
    if (kind !== 'question') return true;
    return !this.data.questions.some((q) => (q as { id?: unknown }).id === id);
  }

  /** cmi5: an exit control that ends the session (terminated) and then goes back to the LMS. */
  private offerExit(returnUrl: string, win: Window): void {
    const exit = this.root.ownerDocument.createElement('button');
    exit.type = 'button';
    exit.className = 'bd-exit';
    exit.textContent = this.t.exit;
    exit.addEventListener('click', () => this.exit(returnUrl, win));
    this.layout.next.before(exit);
    // A one-page module hides its pager, but the way back to the LMS must stay: show the bar, keep the page buttons hidden.
    const bar = this.layout.next.parentElement;
    if (bar?.hidden) {
      this.layout.prev.hidden = this.layout.next.hidden = true;
      bar.hidden = false;
    }
  }

  private exit(returnUrl: string, win: Window): void {
    this.tracker.finish(!this.completed);
    win.location.assign(returnUrl);
  }

  /**
   * The sections the page was built with (compile/static-body.ts): each is used where it is, all
   * but the current one hidden. The address may name a page the trainee chose before the script ran.
   */
  private adoptSections(win: Window | null): void {
    let chosen = -1;
    this.data.pages.forEach((p, i) => {
      const section = this.root.ownerDocument.getElementById(sectionId(p.id));
      if (!section || !this.layout.pages.contains(section)) return;
      this.sections.set(i, section);
      if (win?.location.hash === `#${section.id}`) chosen = i;
    });
    if (chosen >= 0) this.state.page = chosen;
    for (const [i, section] of this.sections) section.hidden = i !== this.state.page;
    const last = this.sections.get(this.data.pages.length - 1);
    if (last && this.summary) last.append(this.summary.el);
    this.checks = knowledgeCheckCount(this.data, this.questionIds());
    this.where = componentPages(this.data, (i) => this.sections.get(i) ?? null);
  }

  /** The knowledge checks' ids: from the sections the page was built with, else from the pages' HTML in the data. */
  private questionIds(): string[] {
    if (this.sections.size === 0) return questionIdsInHtml(this.data);
    return [...this.sections.values()].flatMap((s) =>
      [...s.querySelectorAll<HTMLElement>('[data-bd-question]')].map((el) => el.dataset['bdQuestion'] ?? ''),
    );
  }

  /** The pager's main control: the next page, or on the last page the next step (next-step.ts). */
  private takeStep(): void {
    const step = this.step;
    if (!step) return;
    if (step.kind === 'next' || step.kind === 'page') return this.go(step.page);
    if (step.kind === 'here') {
      const target = this.sections.get(this.state.page)?.querySelector<HTMLElement>(step.selector);
      target?.scrollIntoView({ block: 'start' });
      target?.querySelector<HTMLElement>('button, input, select, textarea, summary')?.focus();
      return;
    }
    const win = this.root.ownerDocument.defaultView;
    if (step.exit && this.returnUrl && win) return this.exit(this.returnUrl, win);
    this.showEnd();
  }

  /** What comes after this module, said once the trainee asks to finish. */
  private showEnd(): void {
    showEndPanel(this.root, this.layout.status, this.t, endLines(this.data, this.t, this.tracker.format, this.completed));
    this.announce(this.t.end.title);
  }

  /** The learner moves to page i (buttons, page list). */
  go(i: number): void {
    if (i < 0 || i >= this.data.pages.length || i === this.state.page) return;
    this.show(i, true);
  }

  private show(i: number, focus: boolean): void {
    const previous = this.sections.get(this.state.page);
    if (previous) previous.hidden = true;
    this.state.page = i;
    const section = this.section(i);
    section.hidden = false;
    this.state.seen[i] = true;
    this.refreshChrome();
    const page = this.data.pages[i]!;
    if (focus) {
      section.querySelector<HTMLElement>('.bd-page-title')?.focus();
      this.announce(this.t.nowOn(page.title));
    }
    this.save();
    this.evaluate();
  }

  private readonly mounted = new Set<number>();

  private section(i: number): HTMLElement {
    const existing = this.sections.get(i) ?? this.buildSection(i);
    if (!this.mounted.has(i)) {
      this.mounted.add(i);
      this.mountComponents(existing);
    }
    return existing;
  }

  /** A page the document does not hold yet (a bare root): built from its HTML in the data. */
  private buildSection(i: number): HTMLElement {
    const page = this.data.pages[i]!;
    const doc = this.root.ownerDocument;
    const section = doc.createElement('section');
    section.className = 'bd-page';
    section.id = `bd-page-${page.id}`;
    const body = doc.createElement('div');
    body.className = 'bd-content';
    // Page HTML comes from our own renderer at build time, not from the learner.
    body.innerHTML = page.html;
    // The page's own level-2 heading is its title; pages without one get it from the data.
    const first = body.firstElementChild;
    const heading = first instanceof HTMLHeadingElement && first.tagName === 'H2' ? first : doc.createElement('h2');
    if (heading !== first) {
      heading.textContent = page.title;
      body.prepend(heading);
    }
    heading.classList.add('bd-page-title');
    heading.id = `bd-h-${page.id}`;
    heading.tabIndex = -1;
    section.setAttribute('aria-labelledby', heading.id);
    section.append(body);
    if (i === this.data.pages.length - 1 && this.summary) section.append(this.summary.el);
    this.layout.pages.append(section);
    this.sections.set(i, section);
    return section;
  }

  private mountComponents(section: HTMLElement): void {
    for (const kind of COMPONENT_KINDS) {
      for (const el of section.querySelectorAll<HTMLElement>(`[data-bd-${kind}]`)) {
        const id = el.getAttribute(`data-bd-${kind}`) ?? '';
        const mount = mounterFor(kind);
        const later = this.waitsForLater(kind, id);
        if (mount && !later) this.mountOne(el, kind, mount);
        else if (!hasComponent(kind)) this.unavailable(el);
        // Until its bundle and its data are here, the placeholder keeps what the page wrote (the question's text).
        else
          void Promise.all([loadComponent(kind), this.laterData()]).then(
            ([m]) => (m ? this.mountOne(el, kind, m) : this.unavailable(el)),
            (e: unknown) => {
              console.error(`[boiduong] ${kind} ${id}`, e);
              this.unavailable(el);
            },
          );
      }
    }
  }

  private mountOne(el: HTMLElement, kind: ComponentKind, mount: MountComponent): void {
    const id = el.getAttribute(`data-bd-${kind}`) ?? '';
    try {
      // What the page wrote for a browser without the script gives way to the component.
      if (el.childNodes.length > 0) el.replaceChildren();
      mount(el, id, this.context(`${kind[0]}:${id}`));
    } catch (e) {
      console.error(`[boiduong] ${kind} ${id}`, e);
      el.textContent = this.t.unavailable;
    }
  }

  private unavailable(el: HTMLElement): void {
    el.classList.add('bd-unavailable');
    el.textContent = this.t.unavailable;
  }

  private context(stateKey: string): RuntimeContext {
    return {
      lang: this.lang,
      data: this.data,
      mode: this.mode,
      pick: (vi, en) => (this.lang === 'en' ? en : vi),
      loadState: <T>(key: string) => this.state.components[`${stateKey}:${key}`] as T | undefined,
      saveState: (key, value) => {
        this.state.components[`${stateKey}:${key}`] = value;
        this.save();
      },
      fitsState: (key, value) => this.fits(`${stateKey}:${key}`, value),
      responseLimit: (type) => this.tracker.responseLimit?.(type),
      marksAsPercent: this.tracker.format === 'scorm12' || this.tracker.format === 'scorm2004',
      record: (i: InteractionRecord) => this.tracker.record(i),
      reportOutcome: (o: AssessmentOutcome) => this.outcome(o),
      workChanged: () => this.evaluate(),
      announce: (m) => this.announce(m),
      now: () => this.now(),
    };
  }

  private outcome(o: AssessmentOutcome): void {
    const known = this.state.outcomes[o.id];
    // Keep the best attempt: a retake that scores lower does not lower the module grade.
    if (!known || o.mark >= known.m) this.state.outcomes[o.id] = { m: o.mark, p: o.passed ? 1 : 0, w: o.weight };
    this.tracker.recordOutcome(o);
    this.save();
    this.evaluate();
    this.refreshChrome();
  }

  /** Whether the resume state, with `value` as this component state, stays within the LMS's limit. */
  private fits(key: string, value: unknown): boolean {
    const limit = this.tracker.suspendLimit;
    if (limit === undefined) return true;
    const components = { ...this.state.components, [key]: value };
    return serializeState({ ...this.state, components }, this.owner).length <= limit;
  }

  private save(): void {
    const page = this.data.pages[this.state.page];
    const limit = this.tracker.suspendLimit;
    let text = serializeState(this.state, this.owner);
    if (limit !== undefined && text.length > limit) {
      // Components fit their own state first (fitsState); this is the last resort, and said aloud.
      const fitted = serializeWithin(this.state, limit, this.owner);
      console.warn(`[boiduong] resume state over ${limit} characters: not kept for ${fitted.dropped.join(', ')}`);
      this.notices.show('resume', fitted.dropped.join(', '));
      text = fitted.text;
    }
    this.tracker.saveProgress(page?.id ?? '', text);
  }

  /** What the components still ask of the trainee (a case's reflection), from their saved state. */
  private owedWork(): string[] {
    const ids: Record<ComponentKind, readonly string[]> = {
      question: [],
      test: this.data.tests.map((t) => t.id),
      case: this.data.cases.map((c) => c.id),
    };
    return COMPONENT_KINDS.flatMap((kind) => {
      const owes = owedWorkFor(kind);
      return owes ? ids[kind].flatMap((id) => owes(id, this.context(`${kind[0]}:${id}`))) : [];
    });
  }

  private evaluate(): void {
    const seen = this.state.seen.filter(Boolean).length;
    const done = this.graded.filter((g) => this.state.outcomes[g.id]).length;
    // Until the later file is here a graded case is a stub: what it owes is not known, so nothing completes.
    // So is it while the case player's bundle, which knows what a case owes, is still on its way.
    const unknown = this.data.cases.some((c) => c.weight > 0) && (this.data.later !== undefined || isPending('case'));
    const owed = unknown ? [] : this.owedWork();
    const total = this.data.pages.length + this.graded.length + owed.length;
    this.tracker.setProgress(total > 0 ? (seen + done) / total : 1);
    const result = moduleResult(this.graded, this.state.outcomes, this.passMark, this.data.gradeBands);
    const allSeen = seen === this.data.pages.length;
    // Complete means every page seen and nothing owed: the reflection a case asks for comes
    // before the completion message and before complete(), whatever the format.
    const ready = allSeen && owed.length === 0 && !unknown;
    const gradedDone = this.graded.length === 0 || result !== undefined;
    // The grade goes with completion, never before: an LMS with a mastery score (SCORM 1.2 in
    // Moodle) turns any score it receives into passed/failed, i.e. a finished module, even while
    // pages (the question bank) are still unseen or a reflection unwritten. A better retake
    // after completion is reported.
    if (result && (this.completed || ready)) this.reportResult(result);
    if (!this.completed && ready && gradedDone) {
      this.completed = true;
      this.tracker.complete();
      const scorm = this.tracker.format === 'scorm12' || this.tracker.format === 'scorm2004';
      const message = result ? resultMessage(this.t, result, this.lang, scorm) : this.t.completed;
      this.layout.status.classList.remove('bd-status-owed');
      this.showStatus(message);
      this.announce(message);
    } else if (!this.completed && allSeen && gradedDone && owed.length > 0) this.showOwed(owed);
    this.summary?.update({
      parts: gradeParts(this.data, this.graded, this.state.outcomes),
      checks: this.checks,
      passMark: this.passMark,
      result,
      bands: this.data.gradeBands,
      owed,
    });
    this.tracker.commit();
  }

  /** Everything else done: the status says what is still owed, once per change of it. */
  private showOwed(owed: readonly string[]): void {
    const message = this.t.owedStatus(owed.join('; '));
    if (message === this.lastOwed) return;
    this.lastOwed = message;
    // Not a success: the status looks like a reminder until the work is done.
    this.layout.status.classList.add('bd-status-owed');
    this.showStatus(message);
    this.announce(message);
  }

  private reportResult(result: ModuleResult): void {
    const key = `${result.mark}:${result.passed}`;
    if (key === this.lastResult) return;
    this.lastResult = key;
    this.tracker.setResult(result);
  }

  private refreshChrome(): void {
    const i = this.state.page;
    const total = this.data.pages.length;
    this.layout.counter.textContent = this.t.pageOf(i + 1, total);
    this.layout.prev.disabled = i === 0;
    this.step = nextStep(
      { page: i, total, seen: this.state.seen, open: this.openWork(), canExit: this.returnUrl !== undefined },
      this.t,
      (n) => this.data.pages[n]?.title ?? '',
    );
    this.layout.next.textContent = this.step.label;
    // Tests and styles tell a plain "next page" from the next step on the last page.
    this.layout.next.dataset['step'] = this.step.kind;
    this.layout.list.querySelectorAll<HTMLElement>('[data-page]').forEach((b) => {
      const n = Number(b.dataset['page']);
      if (n === i) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
      const mark = b.querySelector('.bd-seen');
      const seen = this.state.seen[n] === true;
      b.classList.toggle('bd-is-seen', seen);
      if (mark) mark.textContent = seen ? ` ✓ ${this.t.seen}` : '';
    });
  }

  /** Graded components without an outcome yet, in page order. */
  private openWork(): { kind: 'test' | 'case'; id: string; page: number }[] {
    const open: { kind: 'test' | 'case'; id: string; page: number }[] = [];
    for (const g of this.graded) {
      if (this.state.outcomes[g.id]) continue;
      const kind = this.data.tests.some((x) => x.id === g.id) ? 'test' : 'case';
      const page = this.where.get(`${kind}:${g.id}`);
      if (page !== undefined) open.push({ kind, id: g.id, page });
    }
    return open.sort((a, b) => a.page - b.page);
  }

  private showStatus(message: string): void {
    this.layout.status.textContent = message;
    this.layout.status.hidden = false;
  }

  announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.layout.live.textContent = '';
    const win = this.root.ownerDocument.defaultView;
    win?.setTimeout(() => (this.layout.live.textContent = message), 30);
  }

  /** For tests and the preview LMS: where the learner is. */
  get currentPage(): number {
    return this.state.page;
  }
}
