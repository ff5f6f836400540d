/**
 * Questions and tests as the author wrote them (after parsing).
 * Owned by the quiz engine; other layers read these types and never build them by hand.
 */

/**
 * A question kind is one member of the `Question` union below, with its literal `kind`: adding an
 * interface there is the first step of adding a kind, and the type checker then names every
 * per-kind table and switch still to fill (docs/extending.md lists them).
 */
export type QuestionKind = Question['kind'];

/** The question of one kind: `QuestionOf<'fill'>` is a `FillQuestion`, `QuestionOf<'single'>` a single-answer `ChoiceQuestion`. */
export type QuestionOf<K extends QuestionKind> = Question & { readonly kind: K };

/** Fields every kind has; a kind's own interface adds its literal `kind` and its fields. */
export interface QuestionBase {
  /** Stable slug id, unique in the course. */
  readonly id: string;
  /** Module the question was written in. */
  readonly module: string;
  readonly file: string;
  readonly line: number;
  readonly points: number;
  /** Topic (chuyên đề) id for drawing tests; defaults to the module's first topic. */
  readonly topic: string;
  /** The question as HTML and as plain text (plain text feeds SCORM descriptions and xAPI). */
  readonly promptHtml: string;
  readonly promptText: string;
  readonly feedback?: { readonly correct?: string; readonly incorrect?: string };
  /** Shown in review mode. */
  readonly explanationHtml?: string;
  /** Language of the texts above (the module's language). */
  readonly lang: string;
  /**
   * As a knowledge check (where the question is written, outside any test): how many times the
   * trainee may check an answer (author's `attempts=`; default 1, 0 = unlimited) and when the
   * right answer and explanation are shown (`review=`; default after-last-attempt). A test that
   * draws the question uses its own attempts and review instead.
   */
  readonly attempts?: number;
  readonly review?: ReviewMode;
  /** The author's `practice` flag: meant as ungraded practice, so lint does not ask to grade it. */
  readonly practice?: true;
}

export interface Choice {
  /** One character 'a'..'z' so SCORM 1.2's choice format holds more than 9 choices. */
  readonly id: string;
  readonly html: string;
  readonly text: string;
  readonly correct: boolean;
  readonly feedbackHtml?: string;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'single' | 'multiple' | 'truefalse';
  readonly choices: readonly Choice[];
}

export interface FillQuestion extends QuestionBase {
  readonly kind: 'fill';
  readonly answers: readonly string[];
  readonly caseSensitive: boolean;
  readonly diacriticSensitive: boolean;
  /** Most characters the learner may type (author's `max=`); default DEFAULT_MAX_LENGTH.fill. */
  readonly maxLength?: number;
}

export interface NumericQuestion extends QuestionBase {
  readonly kind: 'numeric';
  readonly min: number;
  readonly max: number;
}

export interface MatchItem {
  readonly id: string;
  readonly html: string;
  readonly text: string;
}

export interface MatchingQuestion extends QuestionBase {
  readonly kind: 'matching';
  readonly sources: readonly MatchItem[];
  readonly targets: readonly MatchItem[];
  /** Correct pairs as [sourceId, targetId]. */
  readonly pairs: readonly (readonly [string, string])[];
}

export interface OrderingQuestion extends QuestionBase {
  readonly kind: 'ordering';
  /** Steps in the correct order. */
  readonly steps: readonly MatchItem[];
}

export interface EssayQuestion extends QuestionBase {
  readonly kind: 'essay';
  /** Most characters the learner may type (author's `max=`); default DEFAULT_MAX_LENGTH.essay. */
  readonly maxLength?: number;
}

export type Question =
  | ChoiceQuestion
  | FillQuestion
  | NumericQuestion
  | MatchingQuestion
  | OrderingQuestion
  | EssayQuestion;

export type ReviewMode = 'always' | 'after-pass' | 'after-last-attempt' | 'never';

/**
 * One draw line of a test. A draw takes auto-scored questions only; `essay` makes it take essays
 * only (`- 1 essay from topic x`), so an ungraded essay never slips into a scored draw.
 */
export type Draw = (
  | { readonly from: 'topic'; readonly topic: string; readonly count: number | 'all'; readonly line: number }
  | { readonly from: 'module'; readonly module: string; readonly count: number | 'all'; readonly line: number }
) & { readonly essay?: true };

export interface TestSpec {
  readonly id: string;
  readonly module: string;
  readonly file: string;
  readonly line: number;
  readonly title?: string;
  /** Pass mark on the 10-point scale. */
  readonly pass: number;
  /** 0 = unlimited. */
  readonly attempts: number;
  readonly timeLimitSeconds?: number;
  readonly review: ReviewMode;
  readonly shuffleQuestions: boolean;
  readonly shuffleChoices: boolean;
  readonly draws: readonly Draw[];
  /** Weight of this test in the module grade (default 1). */
  readonly weight: number;
}
