/**
 * What the player says when a numeric answer is not one number. Such an answer is neither
 * scored nor recorded: the trainee is asked to write it again, so a separator never costs a
 * point or an attempt.
 */
import { readLearnerNumber } from '../../core/quiz/index.js';
import { formatNumber, type Question, type Response } from '../../core/index.js';
import { t } from './strings.js';

/** A number as the trainee's language writes it, without thousands separators. */
function plain(lang: 'vi' | 'en', n: number): string {
  return formatNumber(n, lang, { decimals: 10, grouping: false });
}

/** The message for an answer that is not one number; undefined when it is (or the question is not numeric). */
export function numberProblem(q: Question, r: Response | undefined, lang: 'vi' | 'en'): string | undefined {
  if (q.kind !== 'numeric' || r?.kind !== 'number') return undefined;
  const reading = readLearnerNumber(r.text);
  if (reading.ok || reading.reason === 'empty') return undefined;
  if (reading.reason === 'ambiguous') {
    return t(lang, 'ambiguousNumber', { text: r.text.trim(), a: plain(lang, reading.thousands), b: plain(lang, reading.decimal) });
  }
  return t(lang, 'notANumber');
}

/** Marks the question's text field invalid until the trainee changes it. */
export function flagInvalid(field: Element): void {
  const input = field.querySelector('input');
  if (!input) return;
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
}
