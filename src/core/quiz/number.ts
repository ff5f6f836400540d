/**
 * A number as a trainee types it into a numeric question. Vietnamese writes the decimal with a
 * comma and groups thousands with a dot ("1.250,5"); phones and English habit give "1,250.5" and
 * "2.5". Every form that has one meaning is read; a form with two meanings ("1.000" is one
 * thousand in Vietnamese and one in English) is not guessed: the player asks the trainee to
 * write it again, so no answer is marked wrong over a separator.
 */

export type NumberReading =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: 'empty' | 'not-a-number' }
  /** One separator before exactly three digits: a thousands group or a decimal part. */
  | { readonly ok: false; readonly reason: 'ambiguous'; readonly thousands: number; readonly decimal: number };

// Separators a keyboard or a copied text may carry: no-break spaces, the minus sign.
const SPACES = /[\u00a0\u202f\u2007\t ]+/g;
const MINUS = /^[\u2212\u2013]/;

const PLAIN = /^(\d+)(?:[.,](\d*))?$|^[.,](\d+)$/;
/** Groups of three after a first group of one to three digits. */
const grouped = (sep: string, dec: string): RegExp => new RegExp(`^(\\d{1,3}(?:\\${sep}\\d{3})+)(?:\\${dec}(\\d+))?$`);
const DOT_GROUPS = grouped('.', ',');
const COMMA_GROUPS = grouped(',', '.');
const SPACE_GROUPS = /^(\d{1,3}(?: \d{3})+)(?:[.,](\d+))?$/;
const AMBIGUOUS = /^([1-9]\d{0,2})[.,](\d{3})$/;

function value(intPart: string, fraction: string | undefined): number {
  return Number(`${intPart || '0'}.${fraction || '0'}`);
}

export function readLearnerNumber(text: string): NumberReading {
  let t = text.replace(SPACES, ' ').trim();
  // A trailing percent sign: the number is read as written ("25 %" is 25); the author writes the key in percent.
  t = t.replace(/\s*[%\uff05]$/, '');
  if (t === '') return { ok: false, reason: text.trim() === '' ? 'empty' : 'not-a-number' };
  t = t.replace(MINUS, '-');
  const signed = /^([+-]) ?/.exec(t);
  const sign = signed?.[1] === '-' ? -1 : 1;
  if (signed) t = t.slice(signed[0].length);
  const amb = AMBIGUOUS.exec(t);
  if (amb) {
    const [, head, tail] = amb as unknown as [string, string, string];
    return { ok: false, reason: 'ambiguous', thousands: sign * Number(head + tail), decimal: sign * value(head, tail) };
  }
  const plain = PLAIN.exec(t);
  if (plain) return { ok: true, value: sign * (plain[3] !== undefined ? value('0', plain[3]) : value(plain[1]!, plain[2])) };
  for (const [re, sep] of [[DOT_GROUPS, /\./g], [COMMA_GROUPS, /,/g], [SPACE_GROUPS, / /g]] as const) {
    const m = re.exec(t);
    if (m) return { ok: true, value: sign * value(m[1]!.replace(sep, ''), m[2]) };
  }
  return { ok: false, reason: 'not-a-number' };
}

/** The value, or NaN when the text is not one number (empty, not a number, or ambiguous). */
export function learnerNumber(text: string): number {
  const r = readLearnerNumber(text);
  return r.ok ? r.value : NaN;
}
