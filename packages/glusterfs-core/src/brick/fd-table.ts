import { FsError } from '../errors/index.js';
import type { Fd } from '../fop/index.js';

const ignore = (): void => undefined;

/**
 * One client-numbered fd and the calls on it. A client sends calls on an fd right behind the
 * open that numbers it, so the slot exists from the open's dispatch: calls arriving while the
 * open runs wait for it (in arrival order), then run. Plain calls (read, write, fstat …) run in
 * parallel; an ordered call (flush, fsync, ftruncate, release) runs once every call dispatched
 * before it has settled, and calls dispatched after it wait for it.
 */
export class FdSlot {
  readonly fd: Fd;
  /** The open while it runs, or after it failed (calls wait for it or get its error); null once it succeeded. */
  #opening: Promise<void> | null = null;
  /** Calls dispatched and not yet settled, as promises that never reject. */
  readonly #inflight = new Set<Promise<void>>();
  /** The last ordered call while it has not settled: later calls wait for it. */
  #fence: Promise<void> | null = null;

  constructor(fd: Fd) {
    this.fd = fd;
  }

  /** Follows the open (create, opendir) that fills this slot's fd; `onFail` runs if it fails. */
  opening(open: Promise<unknown>, onFail: () => void): void {
    const p = open.then(
      () => { this.#opening = null; },
      (e: unknown) => {
        onFail();
        throw e;
      },
    );
    // Waiters get the failure; the open's own call reports it to the client.
    p.catch(ignore);
    this.#opening = p;
  }

  /**
   * Runs `fn` on the fd once its open has succeeded (rejecting with the open's error otherwise)
   * and, when `ordered`, once every earlier call has settled; a plain call waits only for the
   * last ordered call before it.
   */
  run<T>(fn: () => Promise<T>, ordered: boolean): Promise<T> {
    const wait = ordered ? (this.#inflight.size ? Promise.all(this.#inflight) : null) : this.#fence;
    let p: Promise<T>;
    if (this.#opening || wait) p = this.#after(this.#opening, wait, fn);
    else {
      try {
        p = fn();
      } catch (e) {
        p = Promise.reject(e);
      }
    }
    const settled = p.then(ignore, ignore);
    this.#inflight.add(settled);
    void settled.then(() => this.#inflight.delete(settled));
    if (ordered) {
      this.#fence = settled;
      void settled.then(() => {
        if (this.#fence === settled) this.#fence = null;
      });
    }
    return p;
  }

  async #after<T>(opening: Promise<void> | null, wait: Promise<unknown> | null, fn: () => Promise<T>): Promise<T> {
    if (opening) await opening;
    if (wait) await wait;
    return fn();
  }
}

/**
 * The open fds of one client connection, by the number the client chose when opening. Numbers
 * are per connection, so a client can never name another client's fd.
 */
export class FdTable {
  readonly #slots = new Map<number, FdSlot>();

  /**
   * Registers fd number `num` for `fd` while `open` runs; the number is forgotten if the open
   * fails. EINVAL for a number that is not a positive integer, EBADF for one already in use.
   */
  open(num: unknown, fd: Fd, open: () => Promise<unknown>): Promise<unknown> {
    if (typeof num !== 'number' || !Number.isSafeInteger(num) || num <= 0) {
      return Promise.reject(new FsError('EINVAL', `bad fd number ${String(num)}`));
    }
    if (this.#slots.has(num)) return Promise.reject(new FsError('EBADF', `fd number ${num} is already in use on this connection`));
    const slot = new FdSlot(fd);
    this.#slots.set(num, slot);
    let p: Promise<unknown>;
    try {
      p = open();
    } catch (e) {
      p = Promise.reject(e);
    }
    slot.opening(p, () => {
      if (this.#slots.get(num) === slot) this.#slots.delete(num);
    });
    return p;
  }

  /** The slot numbered `num`; EBADF when there is none. */
  get(num: unknown): FdSlot {
    const slot = typeof num === 'number' ? this.#slots.get(num) : undefined;
    if (!slot) throw new FsError('EBADF', `no open fd ${String(num)} on this connection`);
    return slot;
  }

  /** Removes and returns slot `num` (release): later calls naming it are EBADF. EBADF when there is none. */
  take(num: unknown): FdSlot {
    const slot = this.get(num);
    this.#slots.delete(num as number);
    return slot;
  }

  /** Every slot, opening or open (for cleanup when the connection goes away). */
  all(): FdSlot[] {
    return [...this.#slots.values()];
  }

  /** Numbers in use, opening or open. */
  get size(): number {
    return this.#slots.size;
  }
}

/** The fd tables of all connections of one brick, created on first use. */
export class ConnFdTables {
  readonly #byConn = new Map<string, FdTable>();

  /** The table of connection `connId`. */
  of(connId: string): FdTable {
    let t = this.#byConn.get(connId);
    if (!t) {
      t = new FdTable();
      this.#byConn.set(connId, t);
    }
    return t;
  }

  /** Fd numbers in use over all connections (status, tests). */
  count(): number {
    let n = 0;
    for (const t of this.#byConn.values()) n += t.size;
    return n;
  }

  /** Removes and returns the table of a connection that went away. */
  drop(connId: string): FdTable | undefined {
    const t = this.#byConn.get(connId);
    this.#byConn.delete(connId);
    return t;
  }
}
