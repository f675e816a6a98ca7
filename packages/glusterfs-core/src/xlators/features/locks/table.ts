import { FsError } from '../../../errors/index.js';

/** Who holds a lock: the client connection and the lock owner it named (ctx.lkOwner). */
export interface Owner {
  readonly client: string;
  readonly lkOwner: string;
}

/** A lock request or grant: the lock itself (`L`), its owner, and the path it was asked on. */
export interface Held<L> {
  readonly lock: L;
  readonly owner: Owner;
  readonly path: string;
}

interface Waiter<L> {
  readonly held: Held<L>;
  grant(): void;
  fail(e: FsError): void;
}

/** True when both name the same owner. */
export function sameOwner(a: Owner, b: Owner): boolean {
  return a.client === b.client && a.lkOwner === b.lkOwner;
}

/**
 * The locks of one domain on one inode: granted locks plus a FIFO queue of waiters. A request
 * is granted when it conflicts with no granted lock and with no earlier waiter (so writers are
 * not starved by a stream of readers); an owner that already holds a lock here skips the queue
 * check, which lets nested locks through as GlusterFS does. Conflicts ignore owners: two
 * overlapping write locks exclude each other even when they share an owner.
 */
export class LockTable<L> {
  readonly #conflicts: (a: L, b: L) => boolean;
  readonly #granted: Held<L>[] = [];
  readonly #waiting: Waiter<L>[] = [];

  constructor(conflicts: (a: L, b: L) => boolean) {
    this.#conflicts = conflicts;
  }

  /** No lock held and nobody waiting: the table can be forgotten. */
  get idle(): boolean {
    return this.#granted.length === 0 && this.#waiting.length === 0;
  }

  /** Granted locks, oldest first (for tests and status). */
  get granted(): readonly Held<L>[] {
    return this.#granted;
  }

  /**
   * Takes `held`: at once when grantable; otherwise EAGAIN without `wait`, or a place in the
   * queue until it is granted or `signal` aborts (ETIMEDOUT for a timeout, else ECANCELED).
   */
  lock(held: Held<L>, wait: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#grantable(held, this.#waiting.length)) {
      this.#granted.push(held);
      return Promise.resolve();
    }
    if (!wait) return Promise.reject(new FsError('EAGAIN', 'the lock is held by another owner'));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(waiter);
        if (i < 0) return;
        this.#waiting.splice(i, 1);
        reject(abortError(signal!));
        this.#wake();
      };
      const waiter: Waiter<L> = {
        held,
        grant: () => { signal?.removeEventListener('abort', onAbort); resolve(); },
        fail: (e) => { signal?.removeEventListener('abort', onAbort); reject(e); },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /**
   * Releases the owner's granted locks that `match` selects (`first`: only the oldest one), or
   * failing that cancels its matching waiters (they fail with ECANCELED). Returns how many
   * locks or waiters went away.
   */
  unlock(owner: Owner, match: (lock: L) => boolean, first: boolean): number {
    let n = 0;
    for (let i = 0; i < this.#granted.length; i++) {
      const h = this.#granted[i]!;
      if (!sameOwner(h.owner, owner) || !match(h.lock)) continue;
      this.#granted.splice(i--, 1);
      n++;
      if (first) break;
    }
    if (n === 0) n = this.#dropWaiters((w) => sameOwner(w.owner, owner) && match(w.lock), 'ECANCELED');
    if (n > 0) this.#wake();
    return n;
  }

  /** Drops every lock and waiter of a client that went away (waiters fail with ENOTCONN). */
  dropClient(client: string): number {
    const before = this.#granted.length;
    for (let i = 0; i < this.#granted.length; i++) {
      if (this.#granted[i]!.owner.client === client) this.#granted.splice(i--, 1);
    }
    const n = before - this.#granted.length + this.#dropWaiters((w) => w.owner.client === client, 'ENOTCONN');
    if (n > 0) this.#wake();
    return n;
  }

  /** Fails every waiter (translator shutdown). */
  failAll(): void {
    this.#dropWaiters(() => true, 'ENOTCONN');
  }

  /** The locks of the owner that `match` selects, granted ones only. */
  held(owner: Owner, match: (h: Held<L>) => boolean): Held<L>[] {
    return this.#granted.filter((h) => sameOwner(h.owner, owner) && match(h));
  }

  // Grantable against the granted locks and the first `ahead` waiters.
  #grantable(held: Held<L>, ahead: number): boolean {
    if (this.#granted.some((g) => this.#conflicts(g.lock, held.lock))) return false;
    if (this.#granted.some((g) => sameOwner(g.owner, held.owner))) return true;
    for (let i = 0; i < ahead; i++) if (this.#conflicts(this.#waiting[i]!.held.lock, held.lock)) return false;
    return true;
  }

  // Grants, in queue order, every waiter that has become grantable.
  #wake(): void {
    for (let i = 0; i < this.#waiting.length; i++) {
      const w = this.#waiting[i]!;
      if (!this.#grantable(w.held, i)) continue;
      this.#waiting.splice(i--, 1);
      this.#granted.push(w.held);
      w.grant();
    }
  }

  #dropWaiters(match: (h: Held<L>) => boolean, code: 'ENOTCONN' | 'ECANCELED'): number {
    let n = 0;
    for (let i = 0; i < this.#waiting.length; i++) {
      const w = this.#waiting[i]!;
      if (!match(w.held)) continue;
      this.#waiting.splice(i--, 1);
      w.fail(new FsError(code, code === 'ENOTCONN' ? 'the lock owner disconnected' : 'the waiting lock was unlocked'));
      n++;
    }
    return n;
  }
}

function abortError(signal: AbortSignal): FsError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError'
    ? new FsError('ETIMEDOUT', 'gave up waiting for the lock')
    : new FsError('ECANCELED', 'the lock request was cancelled');
}
