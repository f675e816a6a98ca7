import { FsError } from '../../../errors/index.js';
import {
  type CallCtx, type Fops, type Gfid, type Loc, type Subvol, type Xattrs, type Xlator, type XlatorInit, isGfid,
} from '../../../fop/index.js';
import { VXATTR, XATTR } from '../../../format/index.js';
import type { OptionsOf } from '../../../volume/index.js';
import type { INDEX_OPTIONS } from './options.js';
import { IndexStore } from './store.js';

/**
 * Brick-side index of GFIDs whose replication counters are not all zero. After the child
 * answers an `xattrop` carrying `trusted.afr.*` keys, the GFID is indexed when any returned
 * such value is nonzero and dropped when all are zero (replicate sends all its keys each
 * time). On `/`, `getxattr` of `glusterfs.index.xattrop` / `glusterfs.index.count` answers the
 * list (JSON) / its size (decimal), and `removexattr` of `glusterfs.index.xattrop.<gfid>`
 * drops one entry. Everything else passes through.
 */
export function createIndex(init: XlatorInit<OptionsOf<typeof INDEX_OPTIONS>>): Xlator {
  const { name, options, emit } = init;
  const child = init.children[0];
  if (!child || init.children.length !== 1) {
    throw new FsError('EINVAL', `${name}: features/index needs exactly one child`, name);
  }
  const base = options.indexBase;
  if (base !== undefined && !base.startsWith('/')) {
    throw new FsError('EINVAL', `${name}: index-base must be an absolute directory, not ${JSON.stringify(base)}`, name);
  }
  const store = new IndexStore(base ?? null);
  // Index files are this translator's own I/O: its failures (ENOSPC, EIO) carry its name.
  const onDisk = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      throw FsError.from(e, name);
    }
  };

  const fops: Pick<Fops, 'xattrop' | 'getxattr' | 'removexattr'> = {
    async xattrop(ctx, loc, op, xattrs) {
      const marks = Object.keys(xattrs).some(isAfrKey);
      // Known before the change, so that the change and the index update stay adjacent.
      const gfid = marks ? await gfidOf(child, ctx, loc) : null;
      const out = await child.xattrop(ctx, loc, op, xattrs);
      if (gfid !== null) onDisk(() => track(store, gfid, out));
      return out;
    },

    async getxattr(ctx, loc, key) {
      if (loc.path !== '/' || key === null) return child.getxattr(ctx, loc, key);
      if (key === VXATTR.INDEX_XATTROP) return { [key]: Buffer.from(JSON.stringify(store.list()), 'utf8') };
      if (key === VXATTR.INDEX_COUNT) return { [key]: Buffer.from(String(store.size), 'utf8') };
      return child.getxattr(ctx, loc, key);
    },

    async removexattr(ctx, loc, key) {
      if (loc.path !== '/' || !key.startsWith(VXATTR.INDEX_PURGE_PREFIX)) return child.removexattr(ctx, loc, key);
      const gfid = key.slice(VXATTR.INDEX_PURGE_PREFIX.length);
      if (!isGfid(gfid)) throw new FsError('EINVAL', `not a GFID: ${JSON.stringify(gfid)}`, name);
      onDisk(() => store.remove(gfid));
    },
  };
  return {
    fops,
    // The brick server tells every translator about disconnects itself; the rest goes up.
    notify: (event) => {
      if (event.kind !== 'client-disconnect') emit(event);
    },
  };
}

function isAfrKey(key: string): boolean {
  return key.startsWith(XATTR.AFR_PREFIX);
}

async function gfidOf(child: Subvol, ctx: CallCtx, loc: Loc): Promise<Gfid> {
  return loc.gfid && isGfid(loc.gfid) ? loc.gfid : (await child.stat(ctx, { path: loc.path })).gfid;
}

/** Indexes `gfid` when any returned replication counter is nonzero, else drops it. */
function track(store: IndexStore, gfid: Gfid, out: Xattrs): void {
  const marks = Object.entries(out).filter(([k]) => isAfrKey(k));
  if (marks.length === 0) return;
  if (marks.some(([, v]) => v.some((byte) => byte !== 0))) store.add(gfid);
  else store.remove(gfid);
}
