/**
 * Parse the condition after `if` on a choice line or in a scene's `{if="…"}`:
 *
 *   score >= 2 · chose lang-nghe · chose hua-suong at lang-nghe · visited giai-tan
 *   not …, … and …, … or …, ( … )     (also: không, và, hoặc, điểm)
 */
import type { Comparison, Condition } from '../../core/index.js';

export type ConditionParse = { ok: true; condition: Condition } | { ok: false; vi: string; en: string };

const WORD: Record<string, string> = {
  and: 'and',
  'và': 'and',
  or: 'or',
  'hoặc': 'or',
  not: 'not',
  'không': 'not',
  score: 'score',
  'điểm': 'score',
  chose: 'chose',
  'chọn': 'chose',
  visited: 'visited',
  'qua': 'visited',
  at: 'at',
  'tại': 'at',
};

const TOKEN = /\s*(>=|<=|==|!=|>|<|=|\(|\)|-?\d+(?:[.,]\d+)?|[\p{L}\p{N}_-]+)/uy;

function tokenize(src: string): string[] | { bad: string } {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(src);
    if (!m) return { bad: src.slice(at).trim() };
    tokens.push(m[1]!);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

class Failure extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

// Long by design (~87 lines): a recursive-descent parser whose rules (atom, and, or) share one token cursor as closures.
export function parseCondition(src: string): ConditionParse {
  const tokens = tokenize(src.normalize('NFC'));
  if (!Array.isArray(tokens)) {
    return { ok: false, vi: `không hiểu "${tokens.bad}" trong điều kiện`, en: `cannot read "${tokens.bad}" in the condition` };
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const word = (t: string | undefined): string | undefined => (t === undefined ? undefined : WORD[t.toLowerCase()]);
  const expectSlug = (after: string): string => {
    const t = tokens[i++];
    if (t === undefined || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(t)) {
      throw new Failure(`sau "${after}" cần mã cảnh (ví dụ lang-nghe)`, `"${after}" needs a scene id (e.g. lang-nghe)`);
    }
    return t;
  };

  const atom = (): Condition => {
    const t = peek();
    if (t === '(') {
      i++;
      const inner = or();
      if (tokens[i++] !== ')') throw new Failure('thiếu dấu ")"', 'missing ")"');
      return inner;
    }
    const w = word(t);
    if (w === 'not') {
      i++;
      return { kind: 'not', condition: atom() };
    }
    if (w === 'score') {
      i++;
      const opToken = tokens[i++];
      const op = (opToken === '=' ? '==' : opToken) as Comparison | undefined;
      if (op === undefined || !['>=', '>', '<=', '<', '==', '!='].includes(op)) {
        throw new Failure('sau "score" cần một phép so sánh: >=, >, <=, <, ==, !=', '"score" needs a comparison: >=, >, <=, <, ==, !=');
      }
      const n = tokens[i++];
      const value = n === undefined ? NaN : Number(n.replace(',', '.'));
      if (!Number.isFinite(value)) throw new Failure('cần một số sau phép so sánh', 'a number must follow the comparison');
      return { kind: 'score', op, value };
    }
    if (w === 'chose') {
      i++;
      const target = expectSlug(t!);
      if (word(peek()) === 'at') {
        const atWord = tokens[i++]!;
        return { kind: 'chose', target, scene: expectSlug(atWord) };
      }
      return { kind: 'chose', target };
    }
    if (w === 'visited') {
      i++;
      return { kind: 'visited', scene: expectSlug(t!) };
    }
    throw new Failure(
      t === undefined ? 'điều kiện bị thiếu' : `không hiểu "${t}": dùng score, chose, visited, not, and, or`,
      t === undefined ? 'the condition is missing' : `cannot read "${t}": use score, chose, visited, not, and, or`,
    );
  };

  const and = (): Condition => {
    const parts = [atom()];
    while (word(peek()) === 'and') {
      i++;
      parts.push(atom());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'all', conditions: parts };
  };

  const or = (): Condition => {
    const parts = [and()];
    while (word(peek()) === 'or') {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'any', conditions: parts };
  };

  try {
    const condition = or();
    if (i < tokens.length) throw new Failure(`thừa "${tokens.slice(i).join(' ')}"`, `unexpected "${tokens.slice(i).join(' ')}"`);
    return { ok: true, condition };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, vi: e.vi, en: e.en };
    throw e;
  }
}
