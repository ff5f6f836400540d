/**
 * Token buckets for failed authentications, one per key and one per client address. Each failure
 * takes a token; a bucket refills one token per `refillMs` up to `burst`. An empty bucket means
 * "stop guessing for a while": the caller answers 429 with the seconds until the next token.
 *
 * Ours rather than a package: it is a few lines, it runs on every failed authentication (the hot
 * path of a guessing attack) and needs no dependency. Buckets that have refilled to full hold no
 * information and are dropped, so random key names cannot grow the map without bound.
 */
export interface BucketOptions {
  /** Failures allowed at once. */
  readonly burst: number;
  /** One failure is forgiven per this many milliseconds. */
  readonly refillMs: number;
  /** Buckets kept at most; beyond it the fullest are forgotten first (they refill anyway). */
  readonly maxEntries?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private level(id: string): Bucket | undefined {
    const b = this.buckets.get(id);
    if (!b) return undefined;
    const t = this.now();
    b.tokens = Math.min(this.options.burst, b.tokens + (t - b.at) / this.options.refillMs);
    b.at = t;
    if (b.tokens >= this.options.burst) {
      this.buckets.delete(id);
      return undefined;
    }
    return b;
  }

  /** Milliseconds until `id` may fail again; 0 when it may now. */
  waitMs(id: string): number {
    const b = this.level(id);
    if (!b || b.tokens >= 1) return 0;
    return Math.ceil((1 - b.tokens) * this.options.refillMs);
  }

  /** Records one failure of `id`. */
  fail(id: string): void {
    const b = this.level(id) ?? { tokens: this.options.burst, at: this.now() };
    b.tokens = Math.max(0, b.tokens - 1);
    this.buckets.set(id, b);
    if (this.buckets.size > (this.options.maxEntries ?? 10_000)) this.sweep();
  }

  /** Forgets the failures of `id` (its credential was just created or replaced). */
  forgive(id: string): void {
    this.buckets.delete(id);
  }

  private sweep(): void {
    for (const id of [...this.buckets.keys()]) this.level(id);
    const max = this.options.maxEntries ?? 10_000;
    if (this.buckets.size <= max) return;
    const fullest = [...this.buckets.entries()].sort((a, b) => b[1].tokens - a[1].tokens);
    for (const [id] of fullest.slice(0, this.buckets.size - max)) this.buckets.delete(id);
  }
}
