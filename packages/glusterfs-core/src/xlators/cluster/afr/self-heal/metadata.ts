import type { CallCtx, Iatt, Loc } from '../../../../fop/index.js';
import { isSymlink, permBits } from '../../../../fop/index.js';
import { XATTR, isInternalXattr } from '../../../../format/index.js';
import type { AfrState } from '../state.js';

/**
 * Makes each sink's metadata equal to the source's: permission bits and owner (not for
 * symlinks, whose mode means nothing), and the user-visible xattrs plus distribute's layout and link target (set those that differ,
 * remove those the source lacks). The volume's own xattrs (GFID, layouts, marks) are not copied.
 */
export async function copyMetadata(st: AfrState, ctx: CallCtx, loc: Loc, source: number, iatt: Iatt, sinks: readonly number[]): Promise<void> {
  const want = userXattrs(await st.children[source].getxattr(ctx, loc, null));
  await Promise.all(sinks.map(async (i) => {
    const c = st.children[i];
    if (!isSymlink(iatt)) await c.setattr(ctx, loc, { mode: permBits(iatt.mode), uid: iatt.uid, gid: iatt.gid });
    const have = userXattrs(await c.getxattr(ctx, loc, null));
    const set = Object.fromEntries(Object.entries(want).filter(([k, v]) => !have[k]?.equals(v)));
    if (Object.keys(set).length > 0) await c.setxattr(ctx, loc, set, 0);
    for (const k of Object.keys(have)) if (!(k in want)) await c.removexattr(ctx, loc, k);
  }));
}

/** True when two replicas' attributes differ in what a metadata heal copies. */
export function metadataDiffers(a: Iatt, b: Iatt): boolean {
  return (!isSymlink(a) && permBits(a.mode) !== permBits(b.mode)) || a.uid !== b.uid || a.gid !== b.gid;
}

// Distribute's layout and link-file target travel with the replica too: a copy without them
// would make the replicas disagree about where names live.
const COPIED_INTERNAL = new Set<string>([XATTR.DHT_LAYOUT, XATTR.DHT_LINKTO]);

function userXattrs(x: Record<string, Buffer>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(x).filter(([k]) => !isInternalXattr(k) || COPIED_INTERNAL.has(k)));
}
