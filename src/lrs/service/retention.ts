/**
 * Retention: statements older than an age go by whole calendar months (UTC), so a store with
 * monthly partitions drops them without touching a row. The cutoff is the first day of a month:
 * a month goes only when all of it is older than the age.
 */
import type { RetentionOutcome, RetentionStore, StoredMonth } from '../store/index.js';

/** "24m" (months) or "2y" (years) → months; undefined when not that shape or below one month. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d{1,4})([my])$/.exec(text.trim());
  if (!m) return undefined;
  const months = Number(m[1]) * (m[2] === 'y' ? 12 : 1);
  return months >= 1 ? months : undefined;
}

/** yyyy-mm: the months before it are older than `months` months at `now`. */
export function cutoffMonth(now: Date, months: number): string {
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** What would go: the months before the cutoff, with their statement counts. */
export async function retentionPlan(store: RetentionStore, cutoff: string): Promise<StoredMonth[]> {
  return (await store.months()).filter((m) => m.month < cutoff);
}

export function applyRetention(store: RetentionStore, cutoff: string): Promise<RetentionOutcome> {
  return store.dropMonthsBefore(cutoff);
}
