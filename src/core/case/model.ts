/**
 * Case studies (xử lý tình huống) as the author wrote them (after parsing).
 * Owned by the case-study engine; other layers read these types.
 */

export type Comparison = '>=' | '>' | '<=' | '<' | '==' | '!=';

export type Condition =
  | { readonly kind: 'score'; readonly op: Comparison; readonly value: number }
  /** True when the learner earlier chose the choice leading to `target` (optionally at scene `scene`). */
  | { readonly kind: 'chose'; readonly target: string; readonly scene?: string }
  | { readonly kind: 'visited'; readonly scene: string }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'all'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'any'; readonly conditions: readonly Condition[] };

export interface CaseChoice {
  /** One character 'a'..'z' within its scene (SCORM choice format). */
  readonly id: string;
  readonly labelHtml: string;
  readonly labelText: string;
  /** Scene id the choice leads to. */
  readonly target: string;
  readonly points: number;
  readonly consequenceHtml?: string;
  /** Advice from an experienced cadre's viewpoint. */
  readonly feedbackHtml?: string;
  readonly condition?: Condition;
  readonly line: number;
}

export interface Reflection {
  readonly id: string;
  readonly promptHtml: string;
  readonly promptText: string;
  readonly line: number;
}

export interface Scene {
  readonly id: string;
  readonly title: string;
  readonly html: string;
  readonly line: number;
  readonly choices: readonly CaseChoice[];
  readonly reflections: readonly Reflection[];
  /** Set on end scenes (no choices): e.g. "tot", "chap-nhan-duoc", "sai-nguyen-tac". */
  readonly outcome?: string;
  readonly condition?: Condition;
}

export interface CaseStudy {
  readonly id: string;
  readonly module: string;
  readonly file: string;
  readonly line: number;
  readonly title: string;
  readonly situationHtml: string;
  readonly start: string;
  /** Weight of the case in the module grade. */
  readonly weight: number;
  /** Whether the learner may go back and choose again. */
  readonly allowBack: boolean;
  readonly scenes: readonly Scene[];
  readonly lang: string;
  /** The title as inline HTML, when the author wrote emphasis or links in it. */
  readonly titleHtml?: string;
  /**
   * Points of the best walk (worth 10), computed when the module is read so the player need not
   * search; absent when the search could not finish, and the player then searches itself.
   */
  readonly maxPoints?: number;
}
