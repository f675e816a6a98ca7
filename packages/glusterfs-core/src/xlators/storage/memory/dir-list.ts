import type { Gfid } from '../../../fop/index.js';

/** One name in a directory. `seq` is its readdir cookie: it never changes while the name stays. */
export interface DirSlot {
  readonly name: string;
  readonly gfid: Gfid;
  readonly seq: number;
  dead: boolean;
}

/**
 * A directory's entries in insertion order, each with a stable increasing cookie, so a listing
 * resumed after a cookie neither repeats nor skips names that stayed put while other names came
 * and went (what telldir/seekdir promise on Linux).
 */
export class DirList {
  #byName = new Map<string, DirSlot>();
  #slots: DirSlot[] = [];
  #seq = 0;
  #dead = 0;

  /** Number of live entries. */
  get size(): number {
    return this.#byName.size;
  }

  /** The GFID a name points to, if present. */
  get(name: string): Gfid | undefined {
    return this.#byName.get(name)?.gfid;
  }

  /** Adds (or replaces) a name; it gets a new cookie after every existing one. */
  set(name: string, gfid: Gfid): void {
    this.delete(name);
    const slot: DirSlot = { name, gfid, seq: ++this.#seq, dead: false };
    this.#byName.set(name, slot);
    this.#slots.push(slot);
  }

  /** Removes a name; true when it was present. */
  delete(name: string): boolean {
    const slot = this.#byName.get(name);
    if (!slot) return false;
    slot.dead = true;
    this.#byName.delete(name);
    // Compacting only when most slots are dead keeps removal O(1) amortised.
    if (++this.#dead > 64 && this.#dead > this.#byName.size) this.#compact();
    return true;
  }

  /** Live names, in cookie order. */
  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Up to `count` live entries whose cookie is greater than `after`; `eof` when none follow. */
  page(after: number, count: number): { slots: DirSlot[]; eof: boolean } {
    let i = this.#firstAfter(after);
    const slots: DirSlot[] = [];
    for (; i < this.#slots.length && slots.length < count; i++) {
      if (!this.#slots[i].dead) slots.push(this.#slots[i]);
    }
    while (i < this.#slots.length && this.#slots[i].dead) i++;
    return { slots, eof: i >= this.#slots.length };
  }

  #firstAfter(after: number): number {
    let lo = 0;
    let hi = this.#slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#slots[mid].seq <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #compact(): void {
    this.#slots = this.#slots.filter((s) => !s.dead);
    this.#dead = 0;
  }
}
