import { type FsError, isFsError } from '../../../errors/index.js';
import { type CallCtx, type Iatt, type LookupReply, baseName, isDir, parentPath } from '../../../fop/index.js';
import { XATTR } from '../../../format/index.js';
import { isCommitted } from './layout.js';
import { createLinkfile, isLinkfile, linkTarget } from './linkfile.js';
import { lookupDir } from './dir-lookup.js';
import { type FileResolved, type Resolved, pick } from './resolved.js';
import type { DhtState, DirInfo, Outcome } from './state.js';

/**
 * Looks `path` up the DHT way: on the child its basename hashes to, following a link file to
 * the child holding the data; when that misses, on every child, unless `lookup-optimize` is on
 * and the parent's layout is committed (then ENOENT at once). Directories are looked up (and
 * healed) on every child. `names` are xattrs the caller wants back. ENOENT, ENOTDIR, ENOTCONN
 * (the file's child is down).
 */
export async function resolve(st: DhtState, ctx: CallCtx, path: string, names: string[] = []): Promise<Resolved> {
  if (path === '/') return lookupDir(st, ctx, path, names);
  const parent = await dirInfo(st, ctx, parentPath(path));
  const hashed = st.hashedChild(parent.layout, baseName(path));
  let hashedErr: FsError | undefined;
  if (hashed !== undefined) {
    const r = await st.try(hashed, (c) => c.lookup(ctx, { path }, [...names, XATTR.DHT_LINKTO]));
    if (r.ok) {
      const found = await onHashedHit(st, ctx, path, names, hashed, r.value);
      if (found) return found;
    } else {
      hashedErr = r.error;
      if (!isFsError(r.error, 'ENOENT', 'ENOTCONN')) throw r.error;
      if (r.error.code === 'ENOENT' && st.opts.lookupOptimize && isCommitted(parent.layout, st.commit)) throw r.error;
    }
  }
  return lookupEverywhere(st, ctx, path, names, hashed, hashedErr);
}

/** {@link resolve}, with ENOENT as undefined. */
export async function tryResolve(st: DhtState, ctx: CallCtx, path: string): Promise<Resolved | undefined> {
  try {
    return await resolve(st, ctx, path);
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return undefined;
    throw e;
  }
}

/** The layout of directory `path`: cached, else looked up (and healed). ENOTDIR, ENOENT. */
export async function dirInfo(st: DhtState, ctx: CallCtx, path: string): Promise<DirInfo> {
  const cached = st.dirs.get(path);
  if (cached) return cached;
  const r = await resolve(st, ctx, path);
  if (r.kind !== 'dir') throw st.error('ENOTDIR', `${path} is not a directory`);
  return r.info;
}

/** Resolves `path` and insists on a non-directory. EISDIR otherwise. */
export async function resolveFile(st: DhtState, ctx: CallCtx, path: string): Promise<FileResolved> {
  const r = await resolve(st, ctx, path);
  if (r.kind === 'dir') throw st.error('EISDIR', `${path} is a directory`);
  return r;
}

async function onHashedHit(
  st: DhtState, ctx: CallCtx, path: string, names: string[], hashed: number, reply: LookupReply,
): Promise<Resolved | undefined> {
  if (isDir(reply.iatt)) return lookupDir(st, ctx, path, names);
  if (!isLinkfile(reply.iatt, reply.xattrs)) return fileAt(st, path, names, reply, hashed, hashed, undefined);
  const target = linkTarget(st, reply.xattrs);
  if (target === undefined || target === hashed) return undefined;
  const r = await st.try(target, (c) => c.lookup(ctx, { path }, [...names, XATTR.DHT_LINKTO]));
  if (!r.ok && r.error.code === 'ENOTCONN') throw r.error;
  if (!r.ok || r.value.iatt.gfid !== reply.iatt.gfid || isLinkfile(r.value.iatt, r.value.xattrs)) return undefined;
  return fileAt(st, path, names, r.value, target, hashed, hashed);
}

async function lookupEverywhere(
  st: DhtState, ctx: CallCtx, path: string, names: string[], hashed: number | undefined, hashedErr: FsError | undefined,
): Promise<Resolved> {
  const others = st.all().filter((i) => i !== hashed);
  const out = await st.fanOut(others, (c) => c.lookup(ctx, { path }, [...names, XATTR.DHT_LINKTO]));
  if (out.some((o) => o.ok && isDir(o.value.iatt))) return lookupDir(st, ctx, path, names);
  const at = out.findIndex((o) => o.ok && !isLinkfile(o.value.iatt, o.value.xattrs));
  if (at >= 0) {
    const reply = (out[at] as Outcome<LookupReply> & { ok: true }).value;
    const cached = others[at];
    const linkOn = await healLinkfile(st, ctx, path, reply.iatt, cached, hashed, hashedErr);
    return fileAt(st, path, names, reply, cached, hashed, linkOn);
  }
  if (hashedErr?.code === 'ENOTCONN') throw hashedErr;
  const odd = out.find((o) => !o.ok && !isFsError(o.error, 'ENOENT', 'ENOTCONN'));
  if (odd && !odd.ok) throw odd.error;
  throw st.error('ENOENT', `${path}: no such file or directory`);
}

/**
 * A file found away from its hashed child without a link file there gets one, so the next
 * lookup is direct (GlusterFS's lookup-unhashed heal). Best effort: a failure is only logged.
 */
async function healLinkfile(
  st: DhtState, ctx: CallCtx, path: string, iatt: Iatt, cached: number, hashed: number | undefined, hashedErr: FsError | undefined,
): Promise<number | undefined> {
  if (hashed === undefined || hashedErr?.code !== 'ENOENT') return undefined;
  try {
    await createLinkfile(st, ctx, hashed, path, iatt.gfid, iatt, cached);
    return hashed;
  } catch (e) {
    st.log.debug('could not create link file', { path, error: (e as Error).message });
    return undefined;
  }
}

function fileAt(
  st: DhtState, path: string, names: string[], reply: LookupReply, cached: number, hashed: number | undefined, linkOn: number | undefined,
): FileResolved {
  st.files.set(path, cached);
  return { kind: 'file', iatt: reply.iatt, xattrs: pick(reply.xattrs, names), cached, hashed, linkOn };
}
