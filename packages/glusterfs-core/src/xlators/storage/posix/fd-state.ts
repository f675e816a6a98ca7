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
}

/** What an open directory keeps: its descriptor and the names listed at opendir. */
export interface DirState {
  readonly kind: 'dir';
  /** The OS descriptor; entries are reached as `/proc/self/fd/<os>/<name>`, so renames don't matter. */
  readonly os: number;
  readonly gfid: Gfid;
  readonly names: string[];
}

/** Attaches `state` to `fd` and records the descriptor as open. */
export function keepState(b: Brick, fd: Fd, state: FileState | DirState): void {
  b.openFds.add(state.os);
  fd.ctx.set(b.name, state);
  if (!fd.gfid) fd.gfid = state.gfid;
}

/** The open file behind `fd`. EBADF when it was not opened here (or is a directory). */
export function fileState(b: Brick, fd: Fd): FileState {
  const s = fd.ctx.get(b.name) as FileState | DirState | undefined;
  if (!s || s.kind !== 'file') throw new FsError('EBADF', `fd of ${fd.path} is not an open file of ${b.name}`, b.name);
  return s;
}

/** The open directory behind `fd`. EBADF otherwise. */
export function dirState(b: Brick, fd: Fd): DirState {
  const s = fd.ctx.get(b.name) as FileState | DirState | undefined;
  if (!s || s.kind !== 'dir') throw new FsError('EBADF', `fd of ${fd.path} is not an open directory of ${b.name}`, b.name);
  return s;
}

/** Closes and forgets the descriptor behind `fd`; an fd never opened here is ignored. */
export function dropState(b: Brick, fd: Fd): void {
  const s = fd.ctx.get(b.name) as FileState | DirState | undefined;
  if (!s) return;
  fd.ctx.delete(b.name);
  if (b.openFds.delete(s.os)) closeSync(s.os);
}
