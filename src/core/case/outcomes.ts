/**
 * The outcome labels the authoring guide suggests (docs/case.md), with their names and what
 * their words say of the handling: "tot" and "chap-nhan-duoc" that it was right or good enough,
 * "chua-tot" and "sai-nguyen-tac" that it was not. A mark that says the opposite of its label
 * (0/10 "Chưa đạt" under "Chấp nhận được") is a contradiction the trainee cannot make sense of,
 * so lint compares them. Other labels show as written and judge nothing.
 */
export type OutcomeVerdict = 'positive' | 'negative';

export interface OutcomeLabel {
  readonly verdict: OutcomeVerdict;
  readonly name: { readonly vi: string; readonly en: string };
}

export const OUTCOME_LABELS: Readonly<Record<string, OutcomeLabel>> = {
  tot: { verdict: 'positive', name: { vi: 'Tốt', en: 'Good' } },
  'chap-nhan-duoc': { verdict: 'positive', name: { vi: 'Chấp nhận được', en: 'Acceptable' } },
  'chua-tot': { verdict: 'negative', name: { vi: 'Chưa tốt', en: 'Not good' } },
  'sai-nguyen-tac': { verdict: 'negative', name: { vi: 'Sai nguyên tắc', en: 'Against the rules' } },
};

export function outcomeLabel(label: string | undefined): OutcomeLabel | undefined {
  return label === undefined ? undefined : OUTCOME_LABELS[label];
}
