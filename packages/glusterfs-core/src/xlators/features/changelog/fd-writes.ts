import type { Fd } from '../../../fop/index.js';

/**
 * What the journal knows about one fd opened for writing: whether it really opened, and the
 * changes sent on it that have not answered yet. Clients pipeline create, write, flush and
 * release without waiting, so `release` waits for these before it decides on a close-write
 * record, which keeps CREATE, WRITE and CLOSE_WRITE in that order in the journal.
 */
export class FdWrites {
  /** Settles true once the open or create succeeded (and was recorded), false if it failed. */
  readonly opened: Promise<boolean>;
  readonly #inflight = new Set<Promise<unknown>>();

  constructor(opened: Promise<unknown>) {
    this.opened = opened.then(() => true, () => false);
  }

  /** Tracks a change sent on the fd until it answers (and its record is queued). */
  track<T>(p: Promise<T>): Promise<T> {
    const settled = p.then(() => undefined, () => undefined);
    this.#inflight.add(settled);
    void settled.then(() => this.#inflight.delete(settled));
    return p;
  }

  /** True when the fd was opened for writing, once every change sent on it has answered. */
  async writtenAtClose(): Promise<boolean> {
    const ok = await this.opened;
    await Promise.all([...this.#inflight]);
    return ok;
  }

  /** The state kept in `fd.ctx` under `key`, if the fd writes. */
  static of(fd: Fd, key: string): FdWrites | undefined {
    const v = fd.ctx.get(key);
    return v instanceof FdWrites ? v : undefined;
  }
}
