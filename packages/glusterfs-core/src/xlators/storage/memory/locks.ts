import { FsError } from '../../../errors/index.js';
import type { LockCmd, LockType } from '../../../fop/index.js';

/** A granted or wanted lock. `key` is a byte range (inodelk) or a basename/null (entrylk). */
export interface Lock<K> {
  /** Connection that asked (`ctx.xdata['client-id']`, '' when called in-process). */
  readonly client: string;
  /** ctx.lkOwner of the caller. */
  readonly owner: string;
  readonly type: LockType;
  readonly key: K;
}

interface Waiter<K> {
  lock: Lock<K>;
  grant(): void;
  fail(e: FsError): void;
}

/** A byte range with an exclusive end (Infinity for "to end of file"). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One lock space (an inode or directory within one domain), as features/locks keeps it: granted
 * locks and a FIFO of blocked requests. Locks of the same (client, owner) never conflict;
 * shared locks never conflict with each other.
 */
export class LockSpace<K> {
  readonly #granted: Lock<K>[] = [];
  readonly #waiting: Waiter<K>[] = [];
  readonly #overlaps: (a: K, b: K) => boolean;
  readonly #same: (a: K, b: K) => boolean;

  constructor(overlaps: (a: K, b: K) => boolean, same: (a: K, b: K) => boolean) {
    this.#overlaps = overlaps;
    this.#same = same;
  }

  /** True when nothing is granted or waiting (the space can be forgotten). */
  get idle(): boolean {
    return this.#granted.length === 0 && this.#waiting.length === 0;
  }

  /**
   * Applies `cmd`. `lock` waits (until granted or `signal` fires: ETIMEDOUT/ECANCELED),
   * `trylock` fails with EAGAIN on a conflict, `unlock` needs an exactly matching held lock (EINVAL).
   */
  async apply(cmd: LockCmd, lock: Lock<K>, signal: AbortSignal | undefined, xlator: string): Promise<void> {
    if (cmd === 'unlock') return this.#unlock(lock, xlator);
    if (!this.#blocked(lock)) {
      this.#granted.push(lock);
      return;
    }
    if (cmd === 'trylock') throw new FsError('EAGAIN', 'lock held by another owner', xlator);
    await this.#wait(lock, signal, xlator);
  }

  /** Drops every lock and request of `client` (its connection went away). */
  dropClient(client: string, xlator: string): void {
    for (let i = this.#granted.length - 1; i >= 0; i--) {
      if (this.#granted[i].client === client) this.#granted.splice(i, 1);
    }
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const w = this.#waiting[i];
      if (w.lock.client !== client) continue;
      this.#waiting.splice(i, 1);
      w.fail(new FsError('ENOTCONN', 'client went away', xlator));
    }
    this.#grantWaiters();
  }

  #conflicts(a: Lock<K>, b: Lock<K>): boolean {
    if (a.client === b.client && a.owner === b.owner) return false;
    if (a.type === 'rd' && b.type === 'rd') return false;
    return this.#overlaps(a.key, b.key);
  }

  #blocked(lock: Lock<K>): boolean {
    return this.#granted.some((g) => this.#conflicts(g, lock));
  }

  #unlock(lock: Lock<K>, xlator: string): void {
    const i = this.#granted.findIndex((g) =>
      g.client === lock.client && g.owner === lock.owner && this.#same(g.key, lock.key));
    if (i < 0) throw new FsError('EINVAL', 'no matching lock to unlock', xlator);
    this.#granted.splice(i, 1);
    this.#grantWaiters();
  }

  #wait(lock: Lock<K>, signal: AbortSignal | undefined, xlator: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
        const timeout = (signal?.reason as { name?: string } | undefined)?.name === 'TimeoutError';
        reject(new FsError(timeout ? 'ETIMEDOUT' : 'ECANCELED', 'lock wait abandoned', xlator));
      };
      const waiter: Waiter<K> = {
        lock,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #grantWaiters(): void {
    for (let i = 0; i < this.#waiting.length; ) {
      const w = this.#waiting[i];
      if (this.#blocked(w.lock)) {
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      this.#granted.push(w.lock);
      w.grant();
    }
  }
}

/** Lock spaces by (kind, inode, domain), created on first use and forgotten when idle. */
export class LockTable {
  readonly #inode = new Map<string, LockSpace<ByteRange>>();
  readonly #entry = new Map<string, LockSpace<string | null>>();

  /** Applies an inodelk command on `gfid` in `domain`. EAGAIN, EINVAL, ETIMEDOUT, ECANCELED. */
  async inodelk(gfid: string, domain: string, cmd: LockCmd, lock: Lock<ByteRange>, signal: AbortSignal | undefined, xlator: string): Promise<void> {
    const key = `${gfid}\0${domain}`;
    const space = spaceOf(this.#inode, key, () => new LockSpace<ByteRange>(
      (a, b) => a.start < b.end && b.start < a.end,
      (a, b) => a.start === b.start && a.end === b.end,
    ));
    try {
      await space.apply(cmd, lock, signal, xlator);
    } finally {
      if (space.idle) this.#inode.delete(key);
    }
  }

  /** Applies an entrylk command on directory `gfid`; a null name covers the whole directory. */
  async entrylk(gfid: string, domain: string, cmd: LockCmd, lock: Lock<string | null>, signal: AbortSignal | undefined, xlator: string): Promise<void> {
    const key = `${gfid}\0${domain}`;
    const space = spaceOf(this.#entry, key, () => new LockSpace<string | null>(
      (a, b) => a === null || b === null || a === b,
      (a, b) => a === b,
    ));
    try {
      await space.apply(cmd, lock, signal, xlator);
    } finally {
      if (space.idle) this.#entry.delete(key);
    }
  }

  /** Drops every lock held or wanted by `client`; its blocked requests fail with ENOTCONN. */
  dropClient(client: string, xlator: string): void {
    for (const m of [this.#inode, this.#entry] as Map<string, LockSpace<unknown>>[]) {
      for (const [k, s] of m) {
        s.dropClient(client, xlator);
        if (s.idle) m.delete(k);
      }
    }
  }
}

function spaceOf<S>(map: Map<string, S>, key: string, make: () => S): S {
  let s = map.get(key);
  if (!s) map.set(key, (s = make()));
  return s;
}
