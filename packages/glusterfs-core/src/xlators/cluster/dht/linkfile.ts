import { constants } from 'node:fs';
import { isFsError } from '../../../errors/index.js';
import { type CallCtx, type Gfid, type Iatt, S_IFREG, S_ISVTX, createCtx, createFd } from '../../../fop/index.js';
import { XATTR } from '../../../format/index.js';
import type { DhtState } from './state.js';

/** A link file's exact mode: a regular file with only the sticky bit (`---------T`). */
export const LINKFILE_MODE = S_IFREG | S_ISVTX;

/** True for what looks like a link file by its attributes alone (readdir has no xattrs). */
export function looksLikeLinkfile(iatt: Iatt): boolean {
  return iatt.mode === LINKFILE_MODE && iatt.size === 0;
}

/** True for a link file: the right mode and size, and a `trusted.glusterfs.dht.linkto` xattr. */
export function isLinkfile(iatt: Iatt, xattrs: Record<string, Buffer>): boolean {
  return looksLikeLinkfile(iatt) && xattrs[XATTR.DHT_LINKTO] !== undefined;
}

/** The child a link file points to (its linkto names a child), or undefined when it names none. */
export function linkTarget(st: DhtState, xattrs: Record<string, Buffer>): number | undefined {
  const raw = xattrs[XATTR.DHT_LINKTO];
  if (!raw) return undefined;
  const end = raw.indexOf(0);
  return st.indexOf(raw.subarray(0, end < 0 ? raw.length : end).toString('utf8'));
}

/**
 * Creates a link file at `path` on child `on`, pointing to child `target`, with the data file's
 * GFID and owner (as GlusterFS does, so a brick sees one inode identity everywhere). EEXIST when
 * the name is taken on `on`; ENOTCONN when `on` is down.
 */
export async function createLinkfile(
  st: DhtState, ctx: CallCtx, on: number, path: string, gfid: Gfid, owner: Iatt, target: number,
): Promise<void> {
  const child = st.child(on);
  const asOwner = createCtx({ ...ctx, uid: owner.uid, gid: owner.gid, xdata: { ...ctx.xdata } });
  const fd = createFd(path, constants.O_WRONLY);
  await child.create(asOwner, { path, gfid }, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, S_ISVTX, fd);
  await child.release(asOwner, fd);
  const linkto = Buffer.from(st.children[target].name + '\0', 'utf8');
  try {
    await child.setxattr(asOwner, { path }, { [XATTR.DHT_LINKTO]: linkto }, 0);
  } catch (e) {
    // A half-made link file (no linkto) would read as an empty user file: take it back.
    await child.unlink(asOwner, { path }).catch(() => undefined);
    throw e;
  }
}

/**
 * Removes the link file at `path` on child `on` if one is there (checked, so data is never
 * removed by mistake). Missing entries and a down child are tolerated: a stale link file is
 * harmless and is cleaned by later lookups or rmdir.
 */
export async function removeLinkfile(st: DhtState, ctx: CallCtx, on: number, path: string): Promise<void> {
  const r = await st.try(on, (c) => c.lookup(ctx, { path }, [XATTR.DHT_LINKTO]));
  if (!r.ok) {
    if (!isFsError(r.error, 'ENOENT', 'ENOTCONN')) throw r.error;
    return;
  }
  if (!isLinkfile(r.value.iatt, r.value.xattrs)) return;
  const u = await st.try(on, (c) => c.unlink(ctx, { path }));
  if (!u.ok && !isFsError(u.error, 'ENOENT', 'ENOTCONN')) throw u.error;
  if (!u.ok && u.error.code === 'ENOTCONN') st.log.warn('stale link file left', { path, child: st.children[on].name });
}
