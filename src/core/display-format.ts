/**
 * Numbers, marks, percentages, days and times as a person reads them: Vietnamese writes 7,5 and
 * 1.234,5, "75 %" and 01/07/2025 14:30; English writes 7.5, 1,234.5, "75%" and ISO days
 * (2025-07-01 14:30), which no English reader misreads as month first.
 *
 * Written out rather than left to Intl: Node and Chromium agree on 'vi' numbers today (the tests
 * pin them against both), but 'vi' dates come out as "1/12/26" and a build with small ICU falls
 * back to English without a word. These few lines give the same text in the player, the preview
 * LMS, the reports and the CLI on any engine. Machine outputs (CSV, JSON, xAPI) do not use them.
 */
import type { Lang } from './text.js';

export interface NumberStyle {
  /** Most digits after the decimal mark (trailing zeros are dropped). Default 2. */
  readonly decimals?: number;
  /** Group thousands (1.234 / 1,234). Default true; off where a person must type the number back. */
  readonly grouping?: boolean;
}

const MARKS: Readonly<Record<Lang, { readonly decimal: string; readonly group: string }>> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

/** A non-negative number's shortest decimal form ("1.005", not 1.00499…) without an exponent. */
function plainDecimal(x: number): string {
  const s = String(x);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = `${m[1]}${m[2] ?? ''}`;
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** "1" + one unit in the last place of a digit string: "199" → "200", "99" → "100". */
function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/**
 * Rounded half away from zero on the shortest decimal form, as Intl rounds (1.005 → 1.01, where
 * toFixed gives 1.00 from the binary value): whole and fraction digits, zeros kept.
 */
function roundDecimal(x: number, decimals: number): [string, string] {
  const [whole = '0', fraction = ''] = plainDecimal(x).split('.');
  if (fraction.length <= decimals) return [whole, fraction];
  const kept = whole + fraction.slice(0, decimals);
  const up = fraction.charCodeAt(decimals) >= '5'.charCodeAt(0);
  const rounded = up ? increment(kept).padStart(kept.length, '0') : kept;
  const cut = rounded.length - decimals;
  return [rounded.slice(0, cut) || '0', rounded.slice(cut)];
}

export function formatNumber(n: number, lang: Lang, style: NumberStyle = {}): string {
  if (!Number.isFinite(n)) return String(n);
  const decimals = style.decimals ?? 2;
  const marks = MARKS[lang];
  const [whole, fraction] = roundDecimal(Math.abs(n), decimals);
  const digits = fraction.replace(/0+$/, '');
  const grouped = style.grouping === false ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
  const negative = n < 0 && (/[1-9]/.test(whole) || /[1-9]/.test(digits));
  return `${negative ? '-' : ''}${grouped}${digits ? marks.decimal + digits : ''}`;
}

/** A mark on the 10-point scale, to two decimals as the grade is kept: 7,5 · 8,25 · 10. */
export function formatMark(mark: number, lang: Lang): string {
  return formatNumber(mark, lang, { decimals: 2 });
}

/** A percentage already on 0–100: "75 %" in Vietnamese (a space before the sign), "75%" in English. */
export function formatPercent(percent: number, lang: Lang, decimals = 1): string {
  const n = formatNumber(percent, lang, { decimals });
  return lang === 'vi' ? `${n} %` : `${n}%`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall clock at `offsetMinutes` east of UTC, read through the UTC getters. */
function wallClock(at: Date, offsetMinutes: number): Date {
  return new Date(at.getTime() + offsetMinutes * 60_000);
}

/** An ISO day (yyyy-mm-dd, as data keeps it) as a person reads it: 01/07/2025, or 2025-07-01 in English. */
export function formatDay(isoDay: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return isoDay;
  return lang === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : isoDay;
}

function toDate(at: Date | string): Date | undefined {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * A moment's day at a given offset (Vietnam's by default). A timestamp that does not parse is
 * returned as it came, so a record is never hidden behind a blank.
 */
export function formatDate(at: Date | string, lang: Lang, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  const d = toDate(at);
  if (!d) return String(at);
  const w = wallClock(d, offsetMinutes);
  return formatDay(`${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`, lang);
}

/** A moment as day and 24-hour time: 01/07/2025 14:30 (2025-07-01 14:30 in English). */
export function formatDateTime(at: Date | string, lang: Lang, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  const d = toDate(at);
  if (!d) return String(at);
  const w = wallClock(d, offsetMinutes);
  return `${formatDate(d, lang, offsetMinutes)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** The offset of the device's own clock at that moment, for the player, which shows the trainee's time. */
export function deviceOffsetMinutes(at: Date): number {
  return -at.getTimezoneOffset();
}

const DURATION_UNITS: Readonly<Record<Lang, readonly [string, string, string]>> = {
  vi: ['giờ', 'phút', 'giây'],
  en: ['h', 'min', 's'],
};

/**
 * An ISO 8601 duration as xAPI and SCORM 2004 record it ("PT1H2M3.45S") in words: "1 giờ 2 phút
 * 3,5 giây", "1 h 2 min 3.5 s". Days count as 24 hours; a duration that does not parse is kept.
 */
export function formatDuration(iso: string, lang: Lang): string {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const hours = Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0);
  const [h, min, s] = DURATION_UNITS[lang];
  const parts: string[] = [];
  if (hours > 0) parts.push(`${formatNumber(hours, lang, { decimals: 1 })} ${h}`);
  if (Number(m[3] ?? 0) > 0) parts.push(`${formatNumber(Number(m[3]), lang, { decimals: 1 })} ${min}`);
  const seconds = Number(m[4] ?? 0);
  if (seconds > 0 || parts.length === 0) parts.push(`${formatNumber(seconds, lang, { decimals: 1 })} ${s}`);
  return parts.join(' ');
}
