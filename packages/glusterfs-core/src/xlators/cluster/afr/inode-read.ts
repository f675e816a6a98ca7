import type { Fops } from '../../../fop/index.js';
import { PATHINFO_XATTR } from '../../../format/index.js';
import { afrLookup } from './lookup.js';
import { pathinfoXattr } from './pathinfo.js';
import { readFrom } from './read-child.js';
import type { AfrState } from './state.js';
import { healXattr, isHealKey } from './virtual.js';

type InodeReadFops = Pick<Fops, 'lookup' | 'stat' | 'getxattr'>;

/**
 * lookup (every replica, see lookup.ts), stat (a lookup), and getxattr from a readable copy;
 * the heal virtual xattrs and pathinfo (every data replica, see pathinfo.ts) are answered here.
 */
export function inodeReadOps(st: AfrState): InodeReadFops {
  return {
    lookup: (ctx, loc, names) => afrLookup(st, ctx, loc, names),
    stat: async (ctx, loc) => (await afrLookup(st, ctx, loc, [])).iatt,
    getxattr(ctx, loc, name) {
      if (name === PATHINFO_XATTR) return pathinfoXattr(st, ctx, loc);
      if (isHealKey(name)) return healXattr(st, ctx, loc, name);
      return readFrom(st, ctx, loc, (c) => c.getxattr(ctx, loc, name), { names: true });
    },
  };
}
