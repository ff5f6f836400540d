/** Text helpers shared by every layer: Vietnamese-safe slugs, folding and suggestions. */

/** A string in one or more languages, keyed by BCP 47 tag ("vi", "en"). */
export type LocalText = Readonly<Record<string, string>>;

export type Lang = 'vi' | 'en';

/** Pick the text for `lang`, falling back to Vietnamese, then to any language present. */
export function pickText(text: LocalText | string | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text['vi'] ?? Object.values(text)[0] ?? '';
}

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * Remove tone and vowel marks and map đ/Đ to d/D, keeping every base letter.
 * (LiaScript deletes accented letters; we transliterate instead.)
 */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Case- and diacritic-insensitive form used for matching and suggestions. */
export function fold(s: string): string {
  return stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** "Tiếp xúc, đối thoại với nhân dân" → "tiep-xuc-doi-thoai-voi-nhan-dan". */
export function slugify(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A slug id as used for modules, questions, scenes: lowercase ASCII words joined by '-'. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(s: string): boolean {
  return SLUG_PATTERN.test(s);
}

/** File-name form of a Vietnamese name: transliterated, keeps the extension, no spaces. */
export function safeFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const slug = slugify(base) || 'file';
  return ext ? `${slug}.${ext}` : slug;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate nearest to `input`, compared diacritic- and case-insensitively,
 * or undefined when nothing is close enough to be a plausible typo.
 */
export function nearest(input: string, candidates: Iterable<string>): string | undefined {
  const want = slugify(input) || fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(want, slugify(c) || fold(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.ceil(want.length * 0.4));
  return bestDistance <= limit ? best : undefined;
}
