import type { CallCtx, Fops, Loc, XattrFlags, Xattrs, XattropOp } from '../../../fop/index.js';
import { PATHINFO_XATTR } from '../../../format/index.js';
import { pathinfoXattr } from './pathinfo.js';
import { firstUp, onEveryDir, routePath } from './route.js';
import type { DhtState } from './state.js';

/** Prefix of the xattrs DHT owns on children; callers may not set or remove them through DHT. */
const OWN_PREFIX = 'trusted.glusterfs.dht';

type XattrFops = Pick<Fops, 'getxattr' | 'setxattr' | 'removexattr' | 'xattrop'>;

/**
 * Xattr fops of cluster/dht: a file's go to the child holding its data; a directory's reads go
 * to the first child that is up and its changes to every child. DHT's own xattrs (layouts,
 * link targets) are hidden from listings and refused (EPERM) on set and remove. Pathinfo is
 * answered in pathinfo.ts.
 */
export function xattrOps(st: DhtState): XattrFops {
  const guard = (names: string[]) => {
    const own = names.find((n) => n.startsWith(OWN_PREFIX));
    if (own) throw st.error('EPERM', `${own} is owned by ${st.name}`);
  };
  const onFirstDir = <T>(fn: (i: number) => Promise<T>) => () => fn(firstUp(st));

  return {
    async getxattr(ctx: CallCtx, loc: Loc, name: string | null): Promise<Xattrs> {
      if (name === PATHINFO_XATTR) return pathinfoXattr(st, ctx, loc);
      const get = (i: number) => st.child(i).getxattr(ctx, loc, name);
      const all = await routePath(st, ctx, loc.path, get, onFirstDir(get));
      if (name !== null) return all;
      // Each child's layout or link target means nothing above DHT.
      return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(OWN_PREFIX)));
    },

    async setxattr(ctx: CallCtx, loc: Loc, xattrs: Xattrs, flags: XattrFlags): Promise<void> {
      guard(Object.keys(xattrs));
      await routePath(st, ctx, loc.path, (i) => st.child(i).setxattr(ctx, loc, xattrs, flags),
        () => onEveryDir(st, loc.path, (c) => c.setxattr(ctx, loc, xattrs, flags)));
    },

    async removexattr(ctx: CallCtx, loc: Loc, name: string): Promise<void> {
      guard([name]);
      await routePath(st, ctx, loc.path, (i) => st.child(i).removexattr(ctx, loc, name),
        () => onEveryDir(st, loc.path, (c) => c.removexattr(ctx, loc, name)));
    },

    xattrop(ctx: CallCtx, loc: Loc, op: XattropOp, xattrs: Xattrs): Promise<Xattrs> {
      const run = (i: number) => st.child(i).xattrop(ctx, loc, op, xattrs);
      return routePath(st, ctx, loc.path, run, onFirstDir(run));
    },

  };
}
