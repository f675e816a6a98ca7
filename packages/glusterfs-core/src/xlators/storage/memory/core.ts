import { constants } from 'node:fs';
import type { CallCtx, Fd } from '../../../fop/index.js';
import type { Inode } from './inode.js';
import type { LockTable } from './locks.js';
import type { MemStore } from './store.js';

/** What every fop group of one storage/memory instance shares. */
export interface MemCore {
  /** The instance name; also its key in `fd.ctx`. */
  readonly name: string;
  readonly store: MemStore;
  readonly locks: LockTable;
}

/** This brick's state for an open fd. */
export interface MemFd {
  readonly ino: Inode;
  readonly flags: number;
}

/** Linux open(2) flags (the wire values; Node reports the host's, which are Linux's here). */
export const O = {
  ACCMODE: 3,
  RDONLY: constants.O_RDONLY,
  WRONLY: constants.O_WRONLY,
  RDWR: constants.O_RDWR,
  CREAT: constants.O_CREAT,
  EXCL: constants.O_EXCL,
  TRUNC: constants.O_TRUNC,
  APPEND: constants.O_APPEND,
} as const;

/** The fd's state on this brick. EBADF when it was not opened here (or was released). */
export function fdState(core: MemCore, fd: Fd): MemFd {
  const h = fd.ctx.get(core.name) as MemFd | undefined;
  if (!h) throw core.store.error('EBADF', `fd for ${fd.path} is not open on ${core.name}`);
  return h;
}

/** Records an open fd. */
export function bindFd(core: MemCore, fd: Fd, ino: Inode, flags: number): void {
  fd.ctx.set(core.name, { ino, flags } satisfies MemFd);
  fd.gfid = ino.gfid;
}

/** True when `flags` allow writing. */
export function writable(flags: number): boolean {
  return (flags & O.ACCMODE) !== O.RDONLY;
}

/** The connection a lock request came from: a brick server puts it in `ctx.xdata['client-id']`. */
export function lockClient(ctx: CallCtx): string {
  const c = ctx.xdata['client-id'];
  return typeof c === 'string' ? c : '';
}
