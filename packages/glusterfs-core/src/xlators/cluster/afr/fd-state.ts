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
}

/** The replicate state of `fd`; EBADF when it was not opened through this translator. */
export function afrFd(st: AfrState, fd: Fd): AfrFd {
  const c = fd.ctx.get(st.name) as AfrFd | undefined;
  if (!c) throw st.error('EBADF', `fd for ${fd.path} is not open here`);
  return c;
}
