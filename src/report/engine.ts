/**
 * The compliance engine: statements stream in once, per-learner progress is folded,
 * and the rules of the taxonomy data are checked at the end. Memory grows with
 * learners × modules, never with the number of statements.
 */
import {
  type Learner,
  EPSILON,
  formatDay,
  formatNumber,
  annualMinimumRules,
  gradeBandFor,
  inForce,
  resolvePosition,
  resolveUnit,
  tierSatisfies,
  type RequiredCourse,
  type Taxonomy,
} from '../core/index.js';
import { aggregate, summarise } from './aggregate.js';
import { addMonths, dayBefore } from './dates.js';
import { afterPeriod, foldFact, inPeriod, vietnamDay, type ClassAttendance, type Evidence, type ModuleProgress } from './learner-state.js';
import { VERB } from '../core/index.js';
import type {
  CatalogueCourse,
  CatalogueModule,
  CheckResult,
  ComplianceReport,
  CourseStanding,
  Eligibility,
  FactDigest,
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

const DAY_MS = 86_400_000;
/** Numbers inside the reasons, as each language writes them (3,5 tiết · 3.5 periods). */
const viNumber = (n: number): string => formatNumber(n, 'vi');
const enNumber = (n: number): string => formatNumber(n, 'en');
const daysOf = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/**
 * The annual minimum for the period: a calendar year needs the whole minimum; a custom period
 * needs its share by days, rounded up (half a year at 40 tiết needs 20 or 21), so a report on
 * 1/7–31/12 does not find everyone short of a whole year's tiết.
 */
export function prorated(annual: number, period: Period): number {
  const year = period.to.slice(0, 4);
  const yearDays = daysOf(`${year}-01-01`, `${year}-12-31`);
  return Math.ceil((annual * daysOf(period.from, period.to)) / yearDays - EPSILON);
}

const text = (vi: string, en: string): { vi: string; en: string } => ({ vi, en });

export class ReportBuilder {
  private readonly modules = new Map<string, ModuleRef>();
  private readonly rosterIds: ReadonlySet<string>;
  private readonly progress = new Map<string, Map<string, ModuleProgress>>();
  /** Classes held in person, per learner and class id. */
  private readonly classes = new Map<string, Map<string, ClassAttendance>>();
  private readonly strangers = new Map<string, number>();
  private read = 0;
  private readonly ambiguous: ComplianceReport['ambiguousPositions'][number][] = [];
  /** Every statement id voided: the pull's list and the voiding statements in the stream. */
  private readonly voidedIds: Set<string>;
  /** Voided statements as a digest counted them (the ids stay in the database). */
  private voidedCount = 0;
  private rosterOnly = false;

  constructor(private readonly input: ReportInput) {
    for (const course of input.catalogue) for (const module of course.modules) this.modules.set(module.activityId, { course, module });
    this.rosterIds = new Set(input.roster.map((l) => l.id));
    this.voidedIds = new Set(input.voided ?? []);
  }

  add(fact: StatementFact): void {
    this.read++;
    // Voided statements are counted by the voiding statements that name them: an LRS hides a
    // voided statement from queries, so whether the voided one itself was pulled depends on
    // when it was voided, and counting those gave 0 or 1 for 2 voided statements.
    if (fact.voids !== undefined) {
      this.voidedIds.add(fact.voids);
      return;
    }
    if (this.input.voided?.has(fact.id)) return;
    if (afterPeriod(this.input.period, fact.timestamp)) return;
    if (!this.rosterIds.has(fact.actor)) {
      this.strangers.set(fact.actor, (this.strangers.get(fact.actor) ?? 0) + 1);
      return;
    }
    this.fold(fact);
  }

  /**
   * Statements already reduced by the store (a digest, see FactDigest): the counts as the store
   * made them, and only the statements that decide a figure, folded like any other.
   */
  async addDigest(digest: FactDigest): Promise<void> {
    this.read += digest.statementsRead;
    this.voidedCount = digest.statementsVoided;
    this.rosterOnly = digest.rosterOnly === true;
    for await (const { actor, statements } of digest.actors) if (!this.rosterIds.has(actor)) this.strangers.set(actor, statements);
    for await (const fact of digest.facts) {
      if (this.rosterIds.has(fact.actor) && !afterPeriod(this.input.period, fact.timestamp)) this.fold(fact);
    }
  }

  private fold(fact: StatementFact): void {
    const ref = this.modules.get(fact.object);
    if (!ref) return;
    let perModule = this.progress.get(fact.actor);
    if (!perModule) this.progress.set(fact.actor, (perModule = new Map<string, ModuleProgress>()));
    let p = perModule.get(fact.object);
    if (!p) perModule.set(fact.object, (p = { attendedInPeriod: false }));
    foldFact(p, fact, this.input.period);
    if (fact.class !== undefined) this.foldClass(fact, ref.course.id);
  }

  private foldClass(fact: StatementFact, course: string): void {
    let perClass = this.classes.get(fact.actor);
    if (!perClass) this.classes.set(fact.actor, (perClass = new Map<string, ClassAttendance>()));
    let c = perClass.get(fact.class!);
    if (!c) perClass.set(fact.class!, (c = { periods: fact.classPeriods ?? 0, course }));
    const completes = fact.verb === VERB.passed || (fact.completion === true && fact.verb !== VERB.failed);
    if (completes && inPeriod(this.input.period, fact.timestamp) && !c.completedInPeriod) c.completedInPeriod = { at: fact.timestamp, id: fact.id, class: fact.class! };
  }

  finish(): ComplianceReport {
    const { taxonomy, period } = this.input;
    const positionIds = new Set(taxonomy.positions.map((p) => p.id));
    const learners = this.input.roster.map((l) => this.learnerReport(l, positionIds.has(l.position)));
    const ctx = { tiers: taxonomy.tiers, year: Number(period.to.slice(0, 4)) };
    const labelOfPosition = (id: string): string => {
      const p = taxonomy.positions.find((x) => x.id === id);
      return p ? (p.name['vi'] ?? id) : id;
    };
    return {
      period,
      courses: this.input.catalogue.map((c) => ({ id: c.id, title: c.title })),
      generatedAt: this.input.generatedAt ?? new Date().toISOString(),
      learners,
      byUnit: aggregate(learners, (r) => r.unit, (k) => k, ctx),
      // Grouped by the position after the reform: an old title counts under the position it maps to
      // on the period's last day (the first one, when a title was split; see docs/report.md).
      byPosition: aggregate(learners, (r) => r.positions[0] ?? r.learner.position, labelOfPosition, ctx),
      // The total's label is the key: each format names the total in the reader's language.
      total: summarise('*', '*', learners, ctx),
      unknownActors: [...this.strangers].map(([actor, statements]) => ({ actor, statements })).sort((a, b) => a.actor.localeCompare(b.actor)),
      unknownPositions: this.input.roster
        .filter((l) => !positionIds.has(l.position))
        .map((l) => ({ learner: l.id, position: l.position, line: l.line })),
      ambiguousPositions: this.ambiguous,
      statementsRead: this.read,
      statementsVoided: this.voidedIds.size + this.voidedCount,
      ...(this.rosterOnly ? { rosterOnly: true as const } : {}),
    };
  }

  /**
   * One learner's checks. Positions, units and rules are taken as they stand on the period's last
   * day, so a report on 2024 applies 2024's rules and one on 2026 applies 2026's.
   */
  private learnerReport(learner: Learner, knownPosition: boolean): LearnerReport {
    const { taxonomy, period, catalogue } = this.input;
    const day = period.to;
    const progress = this.progress.get(learner.id) ?? new Map<string, ModuleProgress>();
    const positions = knownPosition ? this.positionsOf(learner, day) : [];
    const holds = (list: readonly string[]): boolean => positions.some((p) => list.includes(p));
    const classes = this.classes.get(learner.id) ?? new Map<string, ClassAttendance>();
    const courses = catalogue.map((c) => this.standing(c, progress, classes)).filter((s) => s.attended || s.modulesCompleted > 0 || s.classes.length > 0);
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
    const required = new Map<string, RequiredCourse>();
    for (const pos of positions) for (const rc of taxonomy.rules.requiredCourses[pos] ?? []) if (inForce(rc, day)) required.set(rc.course, rc);
    for (const rc of required.values()) checks.push(this.requiredCourseCheck(rc, progress, learner));

    const { periodsCompleted, periodsRequired, check: annualCheck } = this.annualPeriods(positions, progress, classes);
    if (annualCheck) checks.push(annualCheck);
    checks.push(...this.tierChecks(learner, positions));
    for (const s of courses) {
      const course = catalogue.find((c) => c.id === s.course)!;
      checks.push(this.certificateCheck(course, progress, s));
    }
    const compliant = checks.filter((c) => c.kind !== 'certificate').every((c) => c.met);
    const eligibleFor = this.eligibilityOf(learner, positions);
    const knowledgeUpdating = (taxonomy.rules.knowledgeUpdating ?? []).filter((r) => inForce(r, day) && holds(r.positions)).map((r) => r.id);
    const unit = resolveUnit(taxonomy.units, learner.unit, day);
    return { learner, positions, unit, eligibleFor, knowledgeUpdating, periodsCompleted, periodsRequired, courses, checks, compliant };
  }

  /** Tiết of the period against the yearly minimum of the learner's kinds of position. */
  private annualPeriods(
    positions: readonly string[],
    progress: ReadonlyMap<string, ModuleProgress>,
    classes: ReadonlyMap<string, ClassAttendance>,
  ): { periodsCompleted: number; periodsRequired: number; check?: CheckResult } {
    const { taxonomy, period } = this.input;
    const day = period.to;
    let periodsCompleted = 0;
    const periodEvidence: string[] = [];
    // A module first completed online counts its tiết; a class held in person counts the tiết it
    // gave, once, whatever modules it covered.
    for (const [activityId, p] of progress) {
      const ref = this.modules.get(activityId);
      // Counted once, in the period of the first completion ever: a module first completed in 2025 and
      // done again in 2026 adds nothing to 2026 (the same content is not new training).
      const first = p.completedEver;
      if (ref && first && first.class === undefined && inPeriod(period, first.at)) {
        periodsCompleted += ref.module.periods;
        periodEvidence.push(first.id);
      }
    }
    for (const c of classes.values()) {
      if (!c.completedInPeriod) continue;
      periodsCompleted += c.periods;
      periodEvidence.push(c.completedInPeriod.id);
    }
    // The yearly minimum depends on the kind of position (cán bộ, công chức, đảng viên …); the
    // highest minimum in force for any of the learner's positions applies.
    const kinds = new Set(positions.map((id) => taxonomy.positions.find((p) => p.id === id)?.kind).filter((k) => k !== undefined));
    const annual = annualMinimumRules(taxonomy.rules)
      .filter((r) => inForce(r, day) && (r.kinds.includes('*') || r.kinds.some((k) => kinds.has(k))))
      .sort((a, b) => b.periods - a.periods)[0];
    const periodsRequired = annual ? prorated(annual.periods, period) : 0;
    if (annual && periodsRequired > 0) {
      return {
        periodsCompleted,
        periodsRequired,
        check: {
          kind: 'annual-periods',
          subject: `${period.from}..${period.to}`,
          met: periodsCompleted >= periodsRequired,
          reasons: [
            periodsCompleted >= periodsRequired
              ? text(`Đã học ${viNumber(periodsCompleted)}/${viNumber(periodsRequired)} tiết.`, `Completed ${enNumber(periodsCompleted)}/${enNumber(periodsRequired)} periods.`)
              : text(
                  `Mới học ${viNumber(periodsCompleted)}/${viNumber(periodsRequired)} tiết, còn thiếu ${viNumber(periodsRequired - periodsCompleted)} tiết.`,
                  `Only ${enNumber(periodsCompleted)}/${enNumber(periodsRequired)} periods completed, ${enNumber(periodsRequired - periodsCompleted)} short.`,
                ),
          ],
          statementIds: periodEvidence,
          rule: annual.id,
        },
      };
    }
    return { periodsCompleted, periodsRequired };
  }

  /** The tier checks: dated rules of rules.yaml, and the older undated field on a position. */
  private tierChecks(learner: Learner, positions: readonly string[]): CheckResult[] {
    const { taxonomy, period } = this.input;
    const day = period.to;
    const holds = (list: readonly string[]): boolean => positions.some((p) => list.includes(p));
    const checks: CheckResult[] = [];
    const needs = new Map<string, string | undefined>();
    for (const pos of positions) {
      const legacy = taxonomy.positions.find((p) => p.id === pos)?.requiredTier;
      if (legacy && !needs.has(legacy)) needs.set(legacy, undefined);
    }
    for (const r of taxonomy.rules.tierRequirements ?? []) if (inForce(r, day) && holds(r.positions) && !needs.get(r.tier)) needs.set(r.tier, r.id);
    for (const [need, rule] of needs) {
      const ok = tierSatisfies(taxonomy.tiers, learner.tier, need);
      const tierName = (id: string | null, lang: 'vi' | 'en'): string => {
        const tier = id ? taxonomy.tiers.find((x) => x.id === id) : undefined;
        return tier ? (tier.name[lang] ?? tier.name['vi'] ?? id!) : (id ?? (lang === 'vi' ? 'chưa có' : 'none'));
      };
      checks.push({
        kind: 'tier',
        subject: need,
        met: ok,
        ...(rule ? { rule } : {}),
        reasons: [
          ok
            ? text(`Trình độ LLCT "${tierName(learner.tier, 'vi')}" đáp ứng yêu cầu "${tierName(need, 'vi')}".`, `Tier "${tierName(learner.tier, 'en')}" meets "${tierName(need, 'en')}".`)
            : text(
                `Trình độ LLCT "${tierName(learner.tier, 'vi')}" chưa đáp ứng yêu cầu "${tierName(need, 'vi')}" của chức danh.`,
                `Tier "${tierName(learner.tier, 'en')}" does not meet the position's "${tierName(need, 'en')}".`,
              ),
        ],
        statementIds: [],
      });
    }
    return checks;
  }

  private eligibilityOf(learner: Learner, positions: readonly string[]): Eligibility[] {
    const { taxonomy, period } = this.input;
    const day = period.to;
    const holds = (list: readonly string[]): boolean => positions.some((p) => list.includes(p));
    // Who may be sent to which course is listed apart from compliance: 350-QĐ/TW names groups
    // eligible for training, it sets no standard a holder fails.
    const eligibleFor: Eligibility[] = [];
    for (const r of taxonomy.rules.eligibility ?? []) {
      if (!inForce(r, day) || !holds(r.positions) || tierSatisfies(taxonomy.tiers, learner.tier, r.tier)) continue;
      if (!eligibleFor.some((e) => e.tier === r.tier)) eligibleFor.push({ tier: r.tier, rule: r.id });
    }
    return eligibleFor;
  }

  /** The positions a learner holds on `day`: the old title mapped, narrowed by the roster's choice. */
  private positionsOf(learner: Learner, day: string): string[] {
    const mapped = resolvePosition(this.input.taxonomy.positions, learner.position, day);
    if (learner.newPosition && mapped.includes(learner.newPosition)) return [learner.newPosition];
    if (mapped.length > 1 || (learner.newPosition && !mapped.includes(learner.newPosition))) {
      this.ambiguous.push({
        learner: learner.id,
        position: learner.position,
        candidates: mapped,
        ...(learner.newPosition ? { given: learner.newPosition } : {}),
        line: learner.line,
      });
    }
    return mapped;
  }

  private standing(course: CatalogueCourse, progress: ReadonlyMap<string, ModuleProgress>, classes: ReadonlyMap<string, ClassAttendance>): CourseStanding {
    let completed = 0;
    let attended = false;
    const marks: number[] = [];
    let eligible = true;
    let failed = false;
    for (const m of course.modules) {
      const p = progress.get(m.activityId);
      if (p?.attendedInPeriod) attended = true;
      if (p?.completedEver) completed++;
      else eligible = false;
      // A class held in person that gave a mark grades the module, even one graded only in class.
      if (m.graded || p?.best?.class !== undefined) {
        if (p?.best) marks.push(p.best.mark);
        if (!p?.best || p.best.mark < m.pass - EPSILON) eligible = false;
        if (p?.best && p.best.mark < m.pass - EPSILON) failed = true;
      }
    }
    const mark = this.courseMark(course, progress, marks);
    const band = mark !== undefined ? gradeBandFor(this.input.taxonomy.gradeBands, mark) : undefined;
    // Classified per learner per course: failed when a graded module's best mark is below the pass
    // mark, else the band of the mark once every module is completed; an unfinished course is not.
    const lowest = [...this.input.taxonomy.gradeBands].sort((a, b) => a.min - b.min)[0];
    const classification = failed ? lowest?.id : completed === course.modules.length && band ? band.id : undefined;
    return {
      course: course.id,
      modulesCompleted: completed,
      modulesTotal: course.modules.length,
      ...(mark !== undefined ? { mark } : {}),
      ...(band ? { gradeBand: band.id } : {}),
      ...(classification ? { classification } : {}),
      certificate: eligible,
      attended,
      classes: [...classes].filter(([, c]) => c.course === course.id && c.completedInPeriod).map(([id]) => id).sort(),
    };
  }

  /** The course's mark by its rule in rules.yaml (`courseMarks`); the mean of module marks by default. */
  private courseMark(course: CatalogueCourse, progress: ReadonlyMap<string, ModuleProgress>, marks: readonly number[]): number | undefined {
    const rule = this.input.taxonomy.rules.courseMarks?.find((r) => r.course === course.id);
    if (rule?.mark === 'final') {
      const finalModule = rule.module ? course.modules.find((m) => m.id === rule.module) : course.modules.filter((m) => m.graded).at(-1);
      return finalModule ? progress.get(finalModule.activityId)?.best?.mark : undefined;
    }
    return marks.length > 0 ? Math.round((marks.reduce((a, b) => a + b, 0) / marks.length) * 100) / 100 : undefined;
  }

  private certificateCheck(course: CatalogueCourse, progress: ReadonlyMap<string, ModuleProgress>, s: CourseStanding): CheckResult {
    const reasons: { vi: string; en: string }[] = [];
    const ids: string[] = [];
    for (const m of course.modules) {
      const p = progress.get(m.activityId);
      if (!p?.completedEver) reasons.push(text(`Chưa hoàn thành học phần "${m.title}".`, `Module "${m.title}" not completed.`));
      else ids.push(p.completedEver.id);
      if (m.graded || p?.best?.class !== undefined) {
        if (!p?.best) reasons.push(text(`Chưa có điểm kiểm tra học phần "${m.title}".`, `No assessment mark for module "${m.title}".`));
        else {
          ids.push(p.best.id);
          if (p.best.mark < m.pass - EPSILON)
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

  private requiredCourseCheck(rc: RequiredCourse, progress: ReadonlyMap<string, ModuleProgress>, learner: Learner): CheckResult {
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
        else if (best.mark < m.pass - EPSILON) {
          ids.push(best.id);
          reasons.push(text(`Điểm "${m.title}" ${viNumber(best.mark)} < ${viNumber(m.pass)}.`, `"${m.title}" scored ${enNumber(best.mark)} < ${enNumber(m.pass)}.`));
        } else ids.push(best.id);
      }
    }
    // A catalogue course shorter than the programme it stands for cannot complete the programme.
    if (rc.programmeModules !== undefined && course.modules.length < rc.programmeModules) {
      reasons.push(
        text(
          `Khóa học "${course.title}" mới có ${course.modules.length}/${rc.programmeModules} chuyên đề của chương trình; chưa thể công nhận hoàn thành chương trình.`,
          `Course "${course.title}" holds ${course.modules.length} of the programme's ${rc.programmeModules} topics; the programme cannot count as completed.`,
        ),
      );
    }
    const statementIds = [...new Set(ids)];
    if (rc.within) return this.deadlineCheck(rc, course.id, course.title, reasons, statementIds, modules, progress, learner);
    const met = reasons.length === 0;
    if (met) reasons.push(text(`Đã hoàn thành khóa học bắt buộc "${course.title}".`, `Required course "${course.title}" completed.`));
    return { kind: 'required-course', subject: course.id, met, reasons, statementIds };
  }

  /**
   * A required course with a deadline counted from an event of the learner (within 12 months of
   * the admission ceremony, the probation year): done by the deadline is met, overdue is not,
   * and not done while the deadline is still ahead is met as "not yet due", with the deadline.
   */
  private deadlineCheck(
    rc: RequiredCourse,
    subject: string,
    title: string,
    missing: { vi: string; en: string }[],
    statementIds: string[],
    modules: readonly CatalogueModule[],
    progress: ReadonlyMap<string, ModuleProgress>,
    learner: Learner,
  ): CheckResult {
    const within = rc.within!;
    const base = { kind: 'required-course' as const, subject, statementIds };
    if (!learner.admitted) {
      return {
        ...base,
        met: false,
        reasons: [
          ...missing,
          text(
            `Thiếu ngày kết nạp (cột ngay_ket_nap, dòng ${learner.line} của danh sách học viên): không xác định được hạn hoàn thành khóa "${title}".`,
            `No admission date (column ngay_ket_nap, roster line ${learner.line}): the deadline of "${title}" cannot be set.`,
          ),
        ],
      };
    }
    const deadline = dayBefore(addMonths(learner.admitted, within.months));
    const since = text(
      `${within.months} tháng kể từ ngày kết nạp ${formatDay(learner.admitted, 'vi')}`,
      `${within.months} months from admission on ${learner.admitted}`,
    );
    if (missing.length === 0) {
      const finished = modules
        .map((m) => progress.get(m.activityId)?.completedEver?.at)
        .filter((at): at is string => at !== undefined)
        .map(vietnamDay)
        .sort()
        .at(-1);
      if (finished && finished > deadline) {
        return {
          ...base,
          met: false,
          reasons: [
            text(
              `Hoàn thành khóa "${title}" ngày ${formatDay(finished, 'vi')}, quá hạn ${formatDay(deadline, 'vi')} (${since.vi}).`,
              `Completed "${title}" on ${finished}, after the deadline ${deadline} (${since.en}).`,
            ),
          ],
        };
      }
      return {
        ...base,
        met: true,
        reasons: [text(`Đã hoàn thành khóa "${title}" trong hạn (${since.vi}).`, `Completed "${title}" within the deadline (${since.en}).`)],
      };
    }
    if (this.input.period.to > deadline) {
      return {
        ...base,
        met: false,
        reasons: [...missing, text(`Đã quá hạn ${formatDay(deadline, 'vi')} (${since.vi}).`, `Past the deadline ${deadline} (${since.en}).`)],
      };
    }
    return {
      ...base,
      met: true,
      reasons: [
        text(
          `Chưa đến hạn: phải hoàn thành khóa "${title}" chậm nhất ngày ${formatDay(deadline, 'vi')} (${since.vi}).`,
          `Not yet due: "${title}" must be completed by ${deadline} (${since.en}).`,
        ),
        ...missing,
      ],
    };
  }
}
