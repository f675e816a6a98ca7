import type { Fd } from '../../../fop/index.js';
import type { HeldLocks } from './locks.js';
import type { AfrState } from './state.js';

/**
 * An eager-lock write transaction on one fd: locked and pre-op'ed once, then any number of
 * writes, then one post-op and unlock when the fd has been idle for `post-op-delay-ms`, or at
 * flush/release.
 */
export interface EagerTxn {
  ready: Promise<{ held: HeldLocks; participants: number[] }>;
  /** Writes running now. */
  inflight: number;
  /** Children a write failed on during this transaction (blamed at post-op). */
  failed: Set<number>;
  /** Children a write succeeded on. */
  wrote: Set<number>;
  timer?: NodeJS.Timeout;
  /** Set once the post-op has begun; later writes start a new transaction. */
  finishing?: Promise<void>;
  /** Waiters for inflight to drop to 0. */
  drained: (() => void)[];
}

/** What cluster/afr keeps in `fd.ctx` under its name. */
export interface AfrFd {
  /** Children the fd is open on. */
  open: number[];
  /** Children that failed a write through this fd: never read from it. */
  bad: Set<number>;
  /** Directories: the child serving readdir (its cookies are its own). */
  readChild?: number;
  txn?: EagerTxn;
  /** Set while the open or create runs: calls made right behind it wait for it here. */
  opening?: Promise<void>;
  /** Calls on the fd still running; release waits for them (they were sent before it). */
  calls: Set<Promise<unknown>>;
}

/** Runs a call on `afd`, counted so that a release sent behind it waits for it. */
export function tracked<T>(afd: AfrFd, p: Promise<T>): Promise<T> {
  const settled = p.then(() => undefined, () => undefined);
  afd.calls.add(settled);
  void settled.then(() => afd.calls.delete(settled));
  return p;
}

/**
 * Marks `fd` as opening before anything is awaited, so calls sent in the same turn as the open
 * or create (the API pipelines create → write → flush) wait for it instead of failing EBADF.
 * `opened` records where it is open; `failed` makes the waiting calls fail with the open's error.
 */
export function beginFd(st: AfrState, fd: Fd): { opened(open: number[]): AfrFd; failed(e: unknown): void } {
  let done!: () => void;
  let fail!: (e: unknown) => void;
  const opening = new Promise<void>((res, rej) => {
    done = res;
    fail = rej;
  });
  opening.catch(() => undefined);
  const afd: AfrFd = { open: [], bad: new Set(), opening, calls: new Set() };
  fd.ctx.set(st.name, afd);
  return {
    opened(open) {
      afd.open = open;
      afd.opening = undefined;
      done();
      return afd;
    },
    failed(e) {
      if (!afd.opening) return; // already opened: the caller sees the error, the fd stays usable
      if (fd.ctx.get(st.name) === afd) fd.ctx.delete(st.name);
      fail(e);
    },
  };
}

/** The replicate state of `fd`, once its open has finished; EBADF when it was not opened here. */
export async function afrFd(st: AfrState, fd: Fd): Promise<AfrFd> {
  const c = fd.ctx.get(st.name) as AfrFd | undefined;
  if (!c) throw st.error('EBADF', `fd for ${fd.path} is not open here`);
  if (c.opening) await c.opening;
  return c;
}
