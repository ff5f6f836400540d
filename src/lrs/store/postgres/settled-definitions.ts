/**
 * The activity definitions a writer merged into the store lately, one text per activity. Every
 * statement of a module repeats the module's definitions, and checking each against the stored
 * one is an index lookup and a merge in PostgreSQL, about a fifth of its CPU per statement in
 * batches (bench:lrs, batches of 50 and 100: 0.10–0.13 ms against 0.07–0.11 without); a
 * definition this node merged less than SETTLED_DEFINITIONS_MS ago, repeated exactly, is not
 * checked again.
 *
 * The bound: merging a definition again changes nothing unless another writer changed that
 * activity's definition since (another node, or a statement with a different definition on
 * this one, which replaces the remembered text). So for at most SETTLED_DEFINITIONS_MS after
 * a node merged a definition, a different definition of the same activity merged through
 * another node is kept even when this node then receives the first one again, as if those
 * statements had arrived before the other node's. After the bound, the next statement merges
 * its definition again. xAPI leaves to the LRS how it updates its canonical definitions.
 */

/** How long a merged definition is not checked again when repeated. */
export const SETTLED_DEFINITIONS_MS = 5_000;
/** Activities remembered per writer; the least recently merged are forgotten first. */
export const SETTLED_DEFINITIONS_MAX = 10_000;

export class SettledDefinitions {
  private readonly texts = new Map<string, { readonly text: string; readonly until: number }>();

  constructor(
    private readonly forMs = SETTLED_DEFINITIONS_MS,
    private readonly max = SETTLED_DEFINITIONS_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `text` is the definition last merged for `id`, less than the bound ago. */
  settled(id: string, text: string): boolean {
    const known = this.texts.get(id);
    if (known === undefined) return false;
    if (known.until <= this.now()) {
      this.texts.delete(id);
      return false;
    }
    return known.text === text;
  }

  /** After the COMMIT of a transaction that merged `text` into `id`'s definition. */
  settle(id: string, text: string): void {
    if (this.forMs <= 0) return;
    // Deleted first so that the Map's order stays the order of merging.
    this.texts.delete(id);
    if (this.texts.size >= this.max) this.texts.delete(this.texts.keys().next().value!);
    this.texts.set(id, { text, until: this.now() + this.forMs });
  }

  get size(): number {
    return this.texts.size;
  }
}
