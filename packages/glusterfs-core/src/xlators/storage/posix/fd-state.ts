import { closeSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Fd, Gfid } from '../../../fop/index.js';
import type { Brick } from './brick.js';

/** What an open file keeps in `fd.ctx` under the translator's name. */
export interface FileState {
  readonly kind: 'file';
  /** The OS descriptor. */
  readonly os: number;
  readonly gfid: Gfid;
  /** Calls using `os` across an await; release waits for them before closing. */
  busy: number;
  /** Set by release (or the translator's close): the state must not be used any more. */
  released: boolean;
}

/** What an open directory keeps: its descriptor and the names listed at opendir. */
export interface DirState {
  readonly kind: 'dir';
  /** The OS descriptor; entries are reached as `/proc/self/fd/<os>/<name>`, so renames don't matter. */
  readonly os: number;
  readonly gfid: Gfid;
  readonly names: string[];
  released: boolean;
}

/** Attaches `state` to `fd` and records the descriptor as open. */
export function keepState(b: Brick, fd: Fd, state: FileState | DirState): void {
  b.openFds.set(state.os, state);
  fd.ctx.set(b.name, state);
  if (!fd.gfid) fd.gfid = state.gfid;
}

/** A new FileState for an OS descriptor. */
export function newFileState(os: number, gfid: Gfid): FileState {
  return { kind: 'file', os, gfid, busy: 0, released: false };
}

/** The open file or directory behind `fd`. EBADF when it was not opened here. */
export function openState(b: Brick, fd: Fd): FileState | DirState {
  const s = fd.ctx.get(b.name) as FileState | DirState | undefined;
  if (!s || s.released) throw new FsError('EBADF', `fd of ${fd.path} is not open on ${b.name}`, b.name);
  return s;
}

/** The open directory behind `fd`. EBADF otherwise. */
export function dirState(b: Brick, fd: Fd): DirState {
  const s = openState(b, fd);
  if (s.kind !== 'dir') throw new FsError('EBADF', `fd of ${fd.path} is not a directory`, b.name);
  return s;
}

/**
 * Runs `fn` with the open file behind `fd` (EBADF if there is none). A release arriving while
 * `fn` awaits defers the close until `fn` is done, so the descriptor number cannot be reused
 * by another open under a running read or write.
 */
export async function withFile<T>(b: Brick, fd: Fd, fn: (s: FileState) => Promise<T> | T): Promise<T> {
  const s = openState(b, fd);
  if (s.kind !== 'file') throw new FsError('EISDIR', `fd of ${fd.path} is a directory`, b.name);
  s.busy++;
  try {
    return await fn(s);
  } finally {
    s.busy--;
    if (s.released && s.busy === 0) closeOs(b, s.os);
  }
}

/** Forgets the descriptor behind `fd` and closes it (at once, or when its last call ends). */
export function dropState(b: Brick, fd: Fd): void {
  const s = fd.ctx.get(b.name) as FileState | DirState | undefined;
  if (!s) return;
  fd.ctx.delete(b.name);
  s.released = true;
  if (s.kind === 'file' && s.busy > 0) return;
  closeOs(b, s.os);
}

/** Closes an OS descriptor this translator opened (once). */
export function closeOs(b: Brick, os: number): void {
  if (b.openFds.delete(os)) closeSync(os);
}

/** Closes every descriptor still open (translator shutdown); their fds become EBADF. */
export function closeAll(b: Brick): void {
  for (const [os, s] of b.openFds) {
    s.released = true;
    closeSync(os);
  }
  b.openFds.clear();
}
