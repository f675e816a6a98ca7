import { type CallCtx, type Gfid, type Iatt, createCtx, createFd, parentPath } from '../../../fop/index.js';
import { XATTR, newGfid } from '../../../format/index.js';
import {
  type Layout, UNCOMMITTED, checkLayout, computeLayout, decodeRange, encodeRange, sameRanges,
} from './layout.js';
import type { DhtState } from './state.js';

/** Lock domain serialising layout heals of one directory between clients. */
const HEAL_DOMAIN = 'dht.layout-heal';

/**
 * Creates directory `path` on the children in `missing`, with the GFID, mode and owner of `src`.
 * Where the parent is missing too, `healParent` heals it first. Returns the children healed.
 */
export async function healMissingDirs(
  st: DhtState, ctx: CallCtx, path: string, src: Iatt, missing: number[], healParent: (p: string) => Promise<void>,
): Promise<number[]> {
  const done = await Promise.all(missing.map((i) => healDirOn(st, ctx, path, src, i, healParent)));
  return missing.filter((_, k) => done[k]);
}

async function healDirOn(
  st: DhtState, ctx: CallCtx, path: string, src: Iatt, i: number, healParent: (p: string) => Promise<void>,
): Promise<boolean> {
  const asOwner = createCtx({ ...ctx, uid: src.uid, gid: src.gid, xdata: { ...ctx.xdata } });
  const mk = () => st.try(i, (c) => c.mkdir(asOwner, { path, gfid: src.gfid }, src.mode & 0o7777));
  let r = await mk();
  if (!r.ok && r.error.code === 'ENOENT' && path !== '/') {
    await healParent(parentPath(path));
    r = await mk();
  }
  if (!r.ok) {
    if (r.error.code !== 'EEXIST') st.log.warn('directory heal failed', { path, child: st.children[i].name, error: r.error.code });
    return false;
  }
  await st.try(i, (c) => c.setattr(ctx, { path }, { mode: src.mode & 0o7777, uid: src.uid, gid: src.gid }));
  st.log.info('directory healed', { path, child: st.children[i].name });
  return true;
}

/**
 * Returns a usable layout for directory `path`, repairing it on the children when needed:
 * - every child has the directory and the ranges have holes, overlaps or a child without a range:
 *   under a lock, the ideal layout is written; it keeps the volume commit hash when it only fills
 *   in what was missing or the directory is empty everywhere, otherwise it is written
 *   uncommitted, so lookups keep searching every child for names placed under the old ranges;
 * - some child is unreachable: the layout is left alone (the gaps are the unreachable children's
 *   ranges), unless no range exists at all, when the reachable children get an uncommitted one.
 */
export async function healLayout(
  st: DhtState, ctx: CallCtx, path: string, gfid: Gfid, layout: Layout, present: number[],
): Promise<Layout> {
  if (present.length < st.count) {
    if (present.length === 0 || layout.some(Boolean)) return layout;
    const partial = computeLayout(st.count, gfid, UNCOMMITTED, present);
    await writeLayout(st, ctx, path, partial);
    return partial;
  }
  const c = checkLayout(layout);
  if (c.holes === 0 && c.overlaps === 0 && c.missing.length === 0) return layout;
  return withHealLock(st, ctx, path, () => rewriteLayout(st, ctx, path, gfid));
}

async function rewriteLayout(st: DhtState, ctx: CallCtx, path: string, gfid: Gfid): Promise<Layout> {
  // Another client may have fixed it while this one waited for the lock.
  const now = await readLayout(st, ctx, path);
  const c = checkLayout(now);
  if (c.holes === 0 && c.overlaps === 0 && c.missing.length === 0) return now;
  const ideal = computeLayout(st.count, gfid, st.commit);
  const known = now.map((r, i) => (r ? i : -1)).filter((i) => i >= 0);
  const fillsIn = known.length > 0 && known.every((i) => now[i]!.commit === st.commit)
    && sameRanges(known.map((i) => now[i]), known.map((i) => ideal[i]));
  const commit = fillsIn || (await emptyEverywhere(st, ctx, path)) ? st.commit : UNCOMMITTED;
  const fixed = ideal.map((r) => r && { ...r, commit });
  await writeLayout(st, ctx, path, fixed);
  st.log.info('directory layout healed', { path, committed: commit !== UNCOMMITTED });
  return fixed;
}

/** Each child's current range of `path`; unreadable or absent ones are undefined. */
export async function readLayout(st: DhtState, ctx: CallCtx, path: string): Promise<Layout> {
  const out = await st.fanOut(st.all(), (c) => c.getxattr(ctx, { path }, XATTR.DHT_LAYOUT));
  return out.map((o) => {
    const raw = o.ok ? o.value[XATTR.DHT_LAYOUT] : undefined;
    return raw?.length === 16 ? decodeRange(raw) : undefined;
  });
}

/** Writes each child's range of `layout` to its copy of `path` (children without one are skipped). */
export async function writeLayout(st: DhtState, ctx: CallCtx, path: string, layout: Layout): Promise<void> {
  const who = st.all().filter((i) => layout[i]);
  const out = await st.fanOut(who, (c, i) => c.setxattr(ctx, { path }, { [XATTR.DHT_LAYOUT]: encodeRange(layout[i]!) }, 0));
  out.forEach((o, k) => {
    if (!o.ok) st.log.warn('layout write failed', { path, child: st.children[who[k]].name, error: o.error.code });
  });
}

async function withHealLock<T>(st: DhtState, ctx: CallCtx, path: string, fn: () => Promise<T>): Promise<T> {
  const lockCtx = createCtx({ ...ctx, lkOwner: `${st.name}:heal:${newGfid()}`, xdata: { ...ctx.xdata } });
  const lockChild = st.child(0);
  const range = { start: 0, len: 0 };
  await lockChild.inodelk(lockCtx, HEAL_DOMAIN, { path }, 'lock', 'wr', range);
  try {
    return await fn();
  } finally {
    await lockChild.inodelk(lockCtx, HEAL_DOMAIN, { path }, 'unlock', 'wr', range).catch(() => undefined);
  }
}

/** True when no child has any entry in `path` (a fresh directory: its new layout can be trusted). */
async function emptyEverywhere(st: DhtState, ctx: CallCtx, path: string): Promise<boolean> {
  const out = await st.fanOut(st.all(), async (c) => {
    const fd = createFd(path, 0, true);
    await c.opendir(ctx, { path }, fd);
    try {
      return (await c.readdir(ctx, fd, 0, 1)).entries.length === 0;
    } finally {
      await c.releasedir(ctx, fd);
    }
  });
  return out.every((o) => o.ok && o.value);
}
