import { chmodSync, fchmodSync, fchownSync, lchownSync, type Stats } from 'node:fs';
import type { CallCtx } from '../../../fop/index.js';

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
