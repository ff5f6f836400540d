/**
 * Splits a question block's body into its parts, keeping each part's line number:
 * prompt, choices (with their `>` feedback), answer lines (`= …`), pairs, steps,
 * overall feedback and the explanation.
 */

export interface Line {
  readonly text: string;
  readonly line: number;
}

export interface RawChoice extends Line {
  readonly marked: boolean;
  readonly feedback: Line[];
}

export interface RawPair extends Line {
  readonly source: string;
  readonly target: string;
  readonly hasArrow: boolean;
}

export interface QuestionBody {
  readonly prompt: Line[];
  readonly choices: RawChoice[];
  readonly answers: Line[];
  readonly pairs: RawPair[];
  readonly steps: Line[];
  /** `> …` (both), `>+ …` (when correct), `>- …` (when wrong). */
  readonly feedback: { both: Line[]; correct: Line[]; incorrect: Line[] };
  readonly explanation: Line[];
  /** Lines after the answers began that fit nothing. */
  readonly stray: Line[];
}

const CHOICE = /^\s{0,3}[-*+]\s+\[( |x|X)\]\s*(.*)$/;
const ANSWER = /^\s{0,3}(?:=|Đáp án:|Answer:)\s*(.*)$/i;
const PAIR = /^\s{0,3}[-*+]\s+(.*)$/;
const ARROW = /\s*(?:->|→)\s*/;
const STEP = /^\s{0,3}\d+[.)]\s+(.*)$/;
const CHOICE_FEEDBACK = /^\s{2,}>\s?(.*)$/;
const FEEDBACK = /^>([+-])?\s?(.*)$/;
const EXPLANATION = /^\?\s?(.*)$/;

export type BodyMode = 'choice' | 'answer' | 'matching' | 'ordering' | 'essay';

export function splitBody(body: string, firstLine: number, mode: BodyMode): QuestionBody {
  const out: QuestionBody = {
    prompt: [],
    choices: [],
    answers: [],
    pairs: [],
    steps: [],
    feedback: { both: [], correct: [], incorrect: [] },
    explanation: [],
    stray: [],
  };
  let answersStarted = false;
  let inExplanation = false;
  const lines = body.split(/\r?\n/);
  lines.forEach((text, i) => {
    const line = firstLine + i;
    if (inExplanation) {
      out.explanation.push({ text, line });
      return;
    }
    const ex = EXPLANATION.exec(text);
    if (ex) {
      inExplanation = true;
      out.explanation.push({ text: ex[1] ?? '', line });
      return;
    }
    const last = out.choices[out.choices.length - 1];
    const cf = CHOICE_FEEDBACK.exec(text);
    if (cf && last && answersStarted) {
      last.feedback.push({ text: cf[1] ?? '', line });
      return;
    }
    const fb = answersStarted ? FEEDBACK.exec(text) : null;
    if (fb) {
      const bucket = fb[1] === '+' ? out.feedback.correct : fb[1] === '-' ? out.feedback.incorrect : out.feedback.both;
      bucket.push({ text: fb[2] ?? '', line });
      return;
    }
    const ans = ANSWER.exec(text);
    if (ans && mode !== 'essay') {
      answersStarted = true;
      out.answers.push({ text: (ans[1] ?? '').trim(), line });
      return;
    }
    if (mode === 'choice') {
      const c = CHOICE.exec(text);
      if (c) {
        answersStarted = true;
        out.choices.push({ text: (c[2] ?? '').trim(), line, marked: c[1] !== ' ', feedback: [] });
        return;
      }
    }
    if (mode === 'matching') {
      const p = PAIR.exec(text);
      if (p && (ARROW.test(p[1] ?? '') || answersStarted)) {
        answersStarted = true;
        const [source = '', ...rest] = (p[1] ?? '').split(ARROW);
        const hasArrow = rest.length > 0;
        out.pairs.push({ text, line, source: source.trim(), target: rest.join(' -> ').trim(), hasArrow });
        return;
      }
    }
    if (mode === 'ordering') {
      const s = STEP.exec(text);
      if (s) {
        answersStarted = true;
        out.steps.push({ text: (s[1] ?? '').trim(), line });
        return;
      }
    }
    if (!answersStarted) out.prompt.push({ text, line });
    else if (text.trim() !== '') out.stray.push({ text, line });
  });
  trimBlank(out.prompt);
  trimBlank(out.explanation);
  return out;
}

function trimBlank(lines: Line[]): void {
  while (lines.length > 0 && lines[0]!.text.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.text.trim() === '') lines.pop();
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((l) => l.text).join('\n');
}
