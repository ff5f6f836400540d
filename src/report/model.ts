/** Inputs and results of the compliance report. */
import type { Learner, StatementFact } from '../core/index.js';

export type { StatementFact };

/** What the report knows of each course, taken from the course sources (or a catalogue file). */
export interface CatalogueModule {
  readonly id: string;
  readonly activityId: string;
  readonly title: string;
  readonly periods: number;
  /** Pass mark on the 10-point scale. */
  readonly pass: number;
  /** Has a graded test or case: needs a passing result, not only completion. */
  readonly graded: boolean;
}

export interface CatalogueCourse {
  readonly id: string;
  readonly activityId: string;
  readonly title: string;
  readonly modules: readonly CatalogueModule[];
}

/**
 * A report's statements reduced where they are stored (PostgreSQL, `boiduong report --pg`), so
 * the report never reads them all: the counts the report prints, and per learner and module the
 * statements that decide each figure, in stored order.
 */
export interface FactDigest {
  /** Statements a query of the LRS would return (all but the voided ones). */
  readonly statementsRead: number;
  readonly statementsVoided: number;
  /** Statements per actor up to the period's end, voiding and voided ones left out. */
  readonly actors: AsyncIterable<{ readonly actor: string; readonly statements: number }>;
  readonly facts: AsyncIterable<StatementFact>;
  /** Read for the roster's learners only: the counts are theirs and no other actor is listed. */
  readonly rosterOnly?: true;
}

export interface Period {
  /** Inclusive ISO dates, e.g. 2026-01-01 .. 2026-12-31. */
  readonly from: string;
  readonly to: string;
}

export type CheckKind = 'required-course' | 'annual-periods' | 'tier' | 'certificate';

export interface CheckResult {
  readonly kind: CheckKind;
  /** The course or rule checked. */
  readonly subject: string;
  readonly met: boolean;
  readonly reasons: readonly { readonly vi: string; readonly en: string }[];
  /** Ids of the statements the result rests on. */
  readonly statementIds: readonly string[];
  /** Id of the dated rule in rules.yaml the check applied, when it came from one. */
  readonly rule?: string;
}

/** A course the learner may be sent to (đối tượng đào tạo), by which rule: eligibility, not a duty. */
export interface Eligibility {
  readonly tier: string;
  readonly rule: string;
}

export interface CourseStanding {
  readonly course: string;
  readonly modulesCompleted: number;
  readonly modulesTotal: number;
  /** Mean of module marks over graded modules that have one. */
  readonly mark?: number;
  readonly gradeBand?: string;
  /**
   * Grade classification of the course (xếp loại): the band of the mark when every module is
   * completed, the lowest band (khong-dat, shown "Chưa đạt") when a graded module's best mark is
   * below the pass mark; absent for a course not finished, which is not classified.
   */
  readonly classification?: string;
  readonly certificate: boolean;
  /** Studied it online in the period (counts one lượt). */
  readonly attended: boolean;
  /** Classes held in person for this course completed in the period (one lượt each). */
  readonly classes: readonly string[];
}

export interface LearnerReport {
  readonly learner: Learner;
  /** Positions the learner's title stands for on the period's last day (after old→new mapping). */
  readonly positions: readonly string[];
  /** The unit on the period's last day (a commune merged in 2025 is reported under the new one). */
  readonly unit: string;
  /** Political-theory courses the learner may be sent to and does not yet hold. */
  readonly eligibleFor: readonly Eligibility[];
  /** Knowledge-updating groups the learner belongs to (rule ids, e.g. Quy định 145-QĐ/TW). */
  readonly knowledgeUpdating: readonly string[];
  readonly periodsCompleted: number;
  readonly periodsRequired: number;
  readonly courses: readonly CourseStanding[];
  readonly checks: readonly CheckResult[];
  readonly compliant: boolean;
}

export interface GroupSummary {
  readonly key: string;
  readonly label: string;
  readonly learners: number;
  readonly compliant: number;
  readonly compliantPercent: number;
  /** Course attendances (lượt) in the period: online once per course, and each class. */
  readonly attendances: number;
  /** Distinct classes held in person that members completed in the period. */
  readonly classes: number;
  readonly certificates: number;
  readonly periodsTotal: number;
  readonly periodsAverage: number;
  /** Count per grade band id of course classifications (one per learner per course). */
  readonly grades: Readonly<Record<string, number>>;
  /** Learners who completed a module or a class in the period, and the others. */
  readonly trained: number;
  readonly notTrained: number;
  /** Learners with at least one certificate. */
  readonly learnersWithCertificate: number;
  /** Learners per tier held (tier id, or "none"). */
  readonly tiers: Readonly<Record<string, number>>;
  /** Share of learners whose tier reaches trung cấp (with equivalences): "từ trung cấp trở lên". */
  readonly tierIntermediateOrAbovePercent: number;
  readonly women: number;
  readonly womenPercent: number;
  /** Under 35 in the period's last year, from the roster's birth year (learners without one are not counted). */
  readonly under35: number;
  readonly under35Percent: number;
  /** Per course: lượt and distinct classes held in person. */
  readonly perCourse: Readonly<Record<string, { readonly attendances: number; readonly classes: number }>>;
}

export interface ComplianceReport {
  readonly period: Period;
  /** The courses of the catalogue, so every output names them. */
  readonly courses: readonly { readonly id: string; readonly title: string }[];
  readonly generatedAt: string;
  readonly learners: readonly LearnerReport[];
  readonly byUnit: readonly GroupSummary[];
  readonly byPosition: readonly GroupSummary[];
  readonly total: GroupSummary;
  /** Actors with statements but no roster row, with how many statements each. */
  readonly unknownActors: readonly { readonly actor: string; readonly statements: number }[];
  /** Roster rows whose position is not in the taxonomy. */
  readonly unknownPositions: readonly { readonly learner: string; readonly position: string; readonly line: number }[];
  /**
   * Learners whose old title maps to several positions after the reform and whose roster row does
   * not say which one (chuc_danh_moi), or names one the title does not map to.
   */
  readonly ambiguousPositions: readonly {
    readonly learner: string;
    readonly position: string;
    readonly candidates: readonly string[];
    readonly given?: string;
    readonly line: number;
  }[];
  readonly statementsRead: number;
  readonly statementsVoided: number;
  /**
   * The store was read for the roster's learners only (`--pg` without `--unknown-actors`): the
   * counts are those learners' statements, and actors not on the roster were not looked for.
   */
  readonly rosterOnly?: true;
}
