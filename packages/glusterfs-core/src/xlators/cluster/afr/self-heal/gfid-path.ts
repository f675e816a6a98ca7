import { isFsError } from '../../../../errors/index.js';
import type { CallCtx, Gfid } from '../../../../fop/index.js';
import { VXATTR } from '../../../../format/index.js';
import type { AfrState } from '../state.js';

/**
 * The volume path of `gfid`, asked of the children up (sources first, in `order`); null when no
 * child has it any more.
 */
export async function pathOfGfid(st: AfrState, ctx: CallCtx, gfid: Gfid, order: readonly number[] = st.upIndexes()): Promise<string | null> {
  const key = VXATTR.GFID_PATH_PREFIX + gfid;
  for (const i of order) {
    const r = await st.try(i, (c) => c.getxattr(ctx, { path: '/' }, key));
    if (r.ok && r.value[key]) return r.value[key].toString('utf8');
    if (!r.ok && !isFsError(r.error, 'ENOENT', 'ENODATA', 'ENOTCONN', 'ETIMEDOUT')) throw r.error;
  }
  return null;
}

/** Drops `gfid` from the heal index of every child up (its inode is gone). */
export async function purgeIndex(st: AfrState, ctx: CallCtx, gfid: Gfid): Promise<void> {
  await st.fanOut(st.upIndexes(), (c) => c.removexattr(ctx, { path: '/' }, VXATTR.INDEX_PURGE_PREFIX + gfid));
}
