/**
 * Typed answers against what the LMS keeps: the note that says how much of an answer was sent,
 * and the longest start of an answer that still fits the resume state.
 */
import { responseLine, escapeText } from '../../core/quiz/index.js';
import type { EssayQuestion, FillQuestion, Question, Response } from '../../core/index.js';
import { formatMark, t } from './strings.js';

export type TextQuestion = FillQuestion | EssayQuestion;

export function isTextQuestion(q: Question): q is TextQuestion {
  return q.kind === 'fill' || q.kind === 'essay';
}

/** Characters of the answer as the LMS would receive it (one line), and how many it keeps. */
export function sentLength(q: TextQuestion, r: Response | undefined, keep: number | undefined): { length: number; kept: number } {
  const length = r?.kind === 'text' ? responseLine(q.kind, r.text).length : 0;
  return { length, kept: keep === undefined ? length : Math.min(length, keep) };
}

/** "Sent the first 255 of 4,920 characters": undefined when the whole answer went. */
export function sentNote(lang: 'vi' | 'en', q: Question, r: Response | undefined, keep: number | undefined): string | undefined {
  if (!isTextQuestion(q)) return undefined;
  const { length, kept } = sentLength(q, r, keep);
  if (kept >= length) return undefined;
  return t(lang, 'sentPart', { kept: formatMark(lang, kept), n: formatMark(lang, length), cut: formatMark(lang, length - kept) });
}

/**
 * The longest start of `text` whose escaped form `fits` (the resume state stays within the
 * LMS's limit), found by halving: a few dozen serialisations of a 4 KB state at most.
 */
export function fittingStart(text: string, fits: (escaped: string) => boolean): { escaped: string; kept: number } {
  const whole = escapeText(text);
  if (fits(whole)) return { escaped: whole, kept: text.length };
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(escapeText(text.slice(0, mid)))) lo = mid;
    else hi = mid - 1;
  }
  return { escaped: escapeText(text.slice(0, lo)), kept: lo };
}

/** The note under an answer whose resume copy was shortened; undefined when it was kept whole. */
export function resumeNote(lang: 'vi' | 'en', kept: number, length: number): string | undefined {
  return kept >= length ? undefined : t(lang, 'resumeKeeps', { kept: formatMark(lang, kept), n: formatMark(lang, length) });
}
