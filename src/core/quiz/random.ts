/**
 * Seeded randomness for drawing and shuffling. The same seed always gives the same order,
 * so a resumed attempt shows the questions and choices exactly as before.
 */

/** 32-bit FNV-1a hash of a string: turns ids into seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for shuffling (not for secrets). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** Seed for one purpose (e.g. the choices of one question) derived from an attempt seed. */
export function subSeed(seed: number, purpose: string): number {
  return (hashString(purpose) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

/** A fresh attempt seed; Math.random is fine here, the seed only has to differ between attempts. */
export function newSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff) + 1;
}
