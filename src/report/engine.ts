/**
 * The compliance engine: statements stream in once, per-learner progress is folded,
 * and the rules of the taxonomy data are checked at the end. Memory grows with
 * learners × modules, never with the number of statements.
 */
import type { Learner } from '../core/roster.js';
import { gradeBandFor, resolvePosition, tierSatisfies, type Taxonomy } from '../core/taxonomy.js';
import { aggregate } from './aggregate.js';
import { afterPeriod, foldFact, type Evidence, type ModuleProgress } from './learner-state.js';
import type {
  CatalogueCourse,
  CatalogueModule,
  CheckResult,
  ComplianceReport,
  CourseStanding,
  LearnerReport,
  Period,
  StatementFact,
} from './model.js';

export interface ReportInput {
  readonly roster: readonly Learner[];
  readonly taxonomy: Taxonomy;
  readonly catalogue: readonly CatalogueCourse[];
  readonly period: Period;
  /** Statement ids voided by a voiding statement (the pull collects them). */
  readonly voided?: ReadonlySet<string>;
  readonly generatedAt?: string;
}

interface ModuleRef {
  readonly course: CatalogueCourse;
  readonly module: CatalogueModule;
}

const text = (vi: string, en: string): { vi: string; en: string } => ({ vi, en });

export class ReportBuilder {
  private readonly modules = new Map<string, ModuleRef>();
  private readonly rosterIds: ReadonlySet<string>;
  private readonly progress = new Map<string, Map<string, ModuleProgress>>();
  private readonly strangers = new Map<string, number>();
  private read = 0;
  private voidedSeen = 0;

  constructor(private readonly input: ReportInput) {
    for (const course of input.catalogue) for (const module of course.modules) this.modules.set(module.activityId, { course, module });
    this.rosterIds = new Set(input.roster.map((l) => l.id));
  }

  add(fact: StatementFact): void {
    this.read++;
    if (fact.voids !== undefined || this.input.voided?.has(fact.id)) {
      this.voidedSeen += fact.voids !== undefined ? 0 : 1;
      return;
    }
    if (afterPeriod(this.input.period, fact.timestamp)) return;
    if (!this.rosterIds.has(fact.actor)) {
      this.strangers.set(fact.actor, (this.strangers.get(fact.actor) ?? 0) + 1);
      return;
    }
    const ref = this.modules.get(fact.object);
    if (!ref) return;
    let perModule = this.progress.get(fact.actor);
    if (!perModule) this.progress.set(fact.actor, (perModule = new Map()));
    let p = perModule.get(fact.object);
    if (!p) perModule.set(fact.object, (p = { attendedInPeriod: false }));
    foldFact(p, fact, this.input.period);
  }

  finish(): ComplianceReport {
    const { taxonomy, period } = this.input;
    const positionIds = new Set(taxonomy.positions.map((p) => p.id));
    const learners = this.input.roster.map((l) => this.learnerReport(l, positionIds.has(l.position)));
    const labelOfPosition = (id: string): string => {
      const p = taxonomy.positions.find((x) => x.id === id);
      return p ? (p.name['vi'] ?? id) : id;
    };
    return {
      period,
      generatedAt: this.input.generatedAt ?? new Date().toISOString(),
      learners,
      byUnit: aggregate(learners, (r) => r.learner.unit, (k) => k),
      byPosition: aggregate(learners, (r) => r.learner.position, labelOfPosition),
      total: aggregate(learners, () => '*', () => 'Tổng cộng')[0] ?? aggregate([], () => '*', () => '')[0]!,
      unknownActors: [...this.strangers].map(([actor, statements]) => ({ actor, statements })).sort((a, b) => a.actor.localeCompare(b.actor)),
      unknownPositions: this.input.roster
        .filter((l) => !positionIds.has(l.position))
        .map((l) => ({ learner: l.id, position: l.position, line: l.line })),
      statementsRead: this.read,
      statementsVoided: this.voidedSeen,
    };
  }

  private learnerReport(learner: Learner, knownPosition: boolean): LearnerReport {
    const { taxonomy, period, catalogue } = this.input;
    const progress = this.progress.get(learner.id) ?? new Map<string, ModuleProgress>();
    const positions = knownPosition ? resolvePosition(taxonomy.positions, learner.position, period.to) : [];
    const courses = catalogue.map((c) => this.standing(c, progress)).filter((s) => s.attended || s.modulesCompleted > 0);
    const checks: CheckResult[] = [];
    if (!knownPosition) {
      checks.push({
        kind: 'required-course',
        subject: learner.position,
        met: false,
        reasons: [text(`Chức danh "${learner.position}" không có trong danh mục.`, `Position "${learner.position}" is not in the taxonomy.`)],
        statementIds: [],
      });
    }
    const required = new Map<string, { course: string; modules?: readonly string[]; every: 'once' | 'yearly' }>();
    for (const pos of positions) for (const rc of taxonomy.rules.requiredCourses[pos] ?? []) required.set(rc.course, rc);
    for (const rc of required.values()) checks.push(this.requiredCourseCheck(rc, progress));

    let periodsCompleted = 0;
    const periodEvidence: string[] = [];
    for (const [activityId, p] of progress) {
      const ref = this.modules.get(activityId);
      if (ref && p.completedInPeriod) {
        periodsCompleted += ref.module.periods;
        periodEvidence.push(p.completedInPeriod.id);
      }
    }
    const periodsRequired = taxonomy.rules.annualMinimumPeriods.periods;
    checks.push({
      kind: 'annual-periods',
      subject: `${period.from}..${period.to}`,
      met: periodsCompleted >= periodsRequired,
      reasons: [
        periodsCompleted >= periodsRequired
          ? text(`Đã học ${periodsCompleted}/${periodsRequired} tiết.`, `Completed ${periodsCompleted}/${periodsRequired} periods.`)
          : text(
              `Mới học ${periodsCompleted}/${periodsRequired} tiết, còn thiếu ${periodsRequired - periodsCompleted} tiết.`,
              `Only ${periodsCompleted}/${periodsRequired} periods completed, ${periodsRequired - periodsCompleted} short.`,
            ),
      ],
      statementIds: periodEvidence,
    });
    for (const pos of positions) {
      const need = taxonomy.positions.find((p) => p.id === pos)?.requiredTier;
      if (!need) continue;
      const ok = tierSatisfies(taxonomy.tiers, learner.tier, need);
      checks.push({
        kind: 'tier',
        subject: need,
        met: ok,
        reasons: [
          ok
            ? text(`Trình độ LLCT "${learner.tier}" đáp ứng yêu cầu "${need}".`, `Tier "${learner.tier}" meets "${need}".`)
            : text(
                `Trình độ LLCT "${learner.tier ?? 'chưa có'}" chưa đáp ứng yêu cầu "${need}" của chức danh.`,
                `Tier "${learner.tier ?? 'none'}" does not meet the position's "${need}".`,
              ),
        ],
        statementIds: [],
      });
    }
    for (const s of courses) {
      const course = catalogue.find((c) => c.id === s.course)!;
      checks.push(this.certificateCheck(course, progress, s));
    }
    const compliant = checks.filter((c) => c.kind !== 'certificate').every((c) => c.met);
    return { learner, positions, periodsCompleted, periodsRequired, courses, checks, compliant };
  }

  private standing(course: CatalogueCourse, progress: ReadonlyMap<string, ModuleProgress>): CourseStanding {
    let completed = 0;
    let attended = false;
    const marks: number[] = [];
    let eligible = true;
    for (const m of course.modules) {
      const p = progress.get(m.activityId);
      if (p?.attendedInPeriod) attended = true;
      if (p?.completedEver) completed++;
      else eligible = false;
      if (m.graded) {
        if (p?.best) marks.push(p.best.mark);
        if (!p?.best || p.best.mark < m.pass - 1e-9) eligible = false;
      }
    }
    const mark = marks.length > 0 ? Math.round((marks.reduce((a, b) => a + b, 0) / marks.length) * 100) / 100 : undefined;
    const band = mark !== undefined ? gradeBandFor(this.input.taxonomy.gradeBands, mark) : undefined;
    return {
      course: course.id,
      modulesCompleted: completed,
      modulesTotal: course.modules.length,
      ...(mark !== undefined ? { mark } : {}),
      ...(band ? { gradeBand: band.id } : {}),
      certificate: eligible,
      attended,
    };
  }

  private certificateCheck(course: CatalogueCourse, progress: ReadonlyMap<string, ModuleProgress>, s: CourseStanding): CheckResult {
    const reasons: { vi: string; en: string }[] = [];
    const ids: string[] = [];
    for (const m of course.modules) {
      const p = progress.get(m.activityId);
      if (!p?.completedEver) reasons.push(text(`Chưa hoàn thành học phần "${m.title}".`, `Module "${m.title}" not completed.`));
      else ids.push(p.completedEver.id);
      if (m.graded) {
        if (!p?.best) reasons.push(text(`Chưa có điểm kiểm tra học phần "${m.title}".`, `No assessment mark for module "${m.title}".`));
        else {
          ids.push(p.best.id);
          if (p.best.mark < m.pass - 1e-9)
            reasons.push(
              text(
                `Điểm học phần "${m.title}" là ${p.best.mark}, dưới mức đạt ${m.pass}.`,
                `Module "${m.title}" scored ${p.best.mark}, below the pass mark ${m.pass}.`,
              ),
            );
        }
      }
    }
    if (reasons.length === 0) reasons.push(text('Đủ điều kiện cấp chứng chỉ.', 'Eligible for the certificate.'));
    return { kind: 'certificate', subject: course.id, met: s.certificate, reasons, statementIds: [...new Set(ids)] };
  }

  private requiredCourseCheck(
    rc: { course: string; modules?: readonly string[]; every: 'once' | 'yearly' },
    progress: ReadonlyMap<string, ModuleProgress>,
  ): CheckResult {
    const course = this.input.catalogue.find((c) => c.id === rc.course);
    if (!course) {
      return {
        kind: 'required-course',
        subject: rc.course,
        met: false,
        reasons: [text(`Khóa học bắt buộc "${rc.course}" không có trong danh mục khóa học.`, `Required course "${rc.course}" is not in the catalogue.`)],
        statementIds: [],
      };
    }
    const modules = course.modules.filter((m) => !rc.modules || rc.modules.includes(m.id));
    const reasons: { vi: string; en: string }[] = [];
    const ids: string[] = [];
    for (const m of modules) {
      const p = progress.get(m.activityId);
      const done: Evidence | undefined = rc.every === 'yearly' ? p?.completedInPeriod : p?.completedEver;
      const best = rc.every === 'yearly' ? p?.bestInPeriod : p?.best;
      if (!done) {
        reasons.push(
          rc.every === 'yearly'
            ? text(`Chưa hoàn thành học phần "${m.title}" trong kỳ.`, `Module "${m.title}" not completed in the period.`)
            : text(`Chưa hoàn thành học phần "${m.title}".`, `Module "${m.title}" not completed.`),
        );
        continue;
      }
      ids.push(done.id);
      if (m.graded) {
        if (!best) reasons.push(text(`Chưa có điểm học phần "${m.title}".`, `No mark for module "${m.title}".`));
        else if (best.mark < m.pass - 1e-9) {
          ids.push(best.id);
          reasons.push(text(`Điểm "${m.title}" ${best.mark} < ${m.pass}.`, `"${m.title}" scored ${best.mark} < ${m.pass}.`));
        } else ids.push(best.id);
      }
    }
    const met = reasons.length === 0;
    if (met) reasons.push(text(`Đã hoàn thành khóa học bắt buộc "${course.title}".`, `Required course "${course.title}" completed.`));
    return { kind: 'required-course', subject: course.id, met, reasons, statementIds: [...new Set(ids)] };
  }
}
