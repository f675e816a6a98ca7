import { chmodSync, fchmodSync, fchownSync, lchownSync, type Stats } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { CallCtx } from '../../../fop/index.js';

/** The setuid and setgid bits. */
const SET_ID = 0o6000;

/**
 * The mode a new entry gets: as asked, but without setuid/setgid unless the caller is
 * privileged (root on a server). Brick files are plain files on the server, runnable there with
 * those bits; no client may plant such a program.
 */
export function newEntryMode(ctx: CallCtx, mode: number): number {
  return ctx.privileged ? mode & 0o7777 : mode & 0o7777 & ~SET_ID;
}

/**
 * Refuses a chmod that adds setuid/setgid bits the entry (mode `current`) does not already
 * have, unless the caller is privileged. EPERM.
 */
export function checkSetIdChange(ctx: CallCtx, current: number, mode: number, brick: string): void {
  if (ctx.privileged || (mode & SET_ID & ~current) === 0) return;
  throw new FsError('EPERM', 'only root on a server of the volume may set setuid or setgid bits', brick);
}

/** Hands a new entry to the caller: the brick runs as root, so entries are chowned unless the caller is root. */
export function chownNew(ctx: CallCtx, target: string | number): void {
  if (ctx.uid === 0 && ctx.gid === 0) return;
  if (typeof target === 'number') fchownSync(target, ctx.uid, ctx.gid);
  else lchownSync(target, ctx.uid, ctx.gid);
}

/**
 * Applies the requested permission bits exactly when the process umask (or a chown clearing
 * set-id bits) changed them; the client has already applied its own umask. Returns true when a
 * chmod was needed (the caller's Stats are then stale).
 */
export function fixMode(st: Stats, mode: number, target: string | number): boolean {
  const want = mode & 0o7777;
  if ((st.mode & 0o777) === (want & 0o777) && (st.mode & want & 0o7000) === (want & 0o7000)) return false;
  if (typeof target === 'number') fchmodSync(target, want);
  else chmodSync(target, want);
  return true;
}
