import type { Fops } from '../../../fop/index.js';
import { afrLookup } from './lookup.js';
import { readFrom } from './read-child.js';
import type { AfrState } from './state.js';
import { healXattr, isHealKey } from './virtual.js';

type InodeReadFops = Pick<Fops, 'lookup' | 'stat' | 'getxattr'>;

/**
 * lookup (every replica, see lookup.ts), stat (a lookup), and getxattr from a readable copy;
 * the heal virtual xattrs are answered here.
 */
export function inodeReadOps(st: AfrState): InodeReadFops {
  return {
    lookup: (ctx, loc, names) => afrLookup(st, ctx, loc, names),
    stat: async (ctx, loc) => (await afrLookup(st, ctx, loc, [])).iatt,
    getxattr: (ctx, loc, name) =>
      isHealKey(name) ? healXattr(st, ctx, loc, name) : readFrom(st, ctx, loc, (c) => c.getxattr(ctx, loc, name), { names: true }),
  };
}
