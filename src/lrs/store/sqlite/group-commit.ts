/**
 * Group commit: writes arriving while the event loop is busy are handed to `commit` together,
 * so they share one transaction and one fsync; each caller learns its own outcome.
 */
export type CommitGroup<T> = (group: readonly T[]) => readonly unknown[];

interface Pending<T> {
  readonly item: T;
  readonly done: (error: unknown) => void;
}

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];

  /** `commit` returns one outcome per item: undefined when stored, else the error. */
  constructor(private readonly commit: CommitGroup<T>) {}

  /** Resolves once the transaction holding `item` has committed. */
  push(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Items still waiting for their transaction. */
  waiting(): readonly T[] {
    return this.pending.map((p) => p.item);
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    let outcomes: readonly unknown[];
    try {
      outcomes = this.commit(group.map((p) => p.item));
    } catch (e) {
      outcomes = group.map(() => e ?? new Error('commit failed'));
    }
    group.forEach((p, i) => p.done(outcomes[i]));
  }
}
