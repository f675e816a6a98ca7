import type { CallCtx, Fops, Iatt, Loc, LookupReply, SetAttr, Statfs } from '../../../fop/index.js';
import { resolve } from './lookup.js';
import { onEveryDir, routePath } from './route.js';
import type { DhtState } from './state.js';

type InodeFops = Pick<Fops, 'lookup' | 'stat' | 'setattr' | 'truncate' | 'readlink' | 'statfs'>;

/**
 * Path-addressed attribute fops of cluster/dht: a file's go to the child holding its data; a
 * directory's reads are answered by its lookup and its changes go to every child.
 */
export function inodeOps(st: DhtState): InodeFops {
  return {
    async lookup(ctx: CallCtx, loc: Loc, xattrNames: string[]): Promise<LookupReply> {
      const r = await resolve(st, ctx, loc.path, xattrNames ?? []);
      return { iatt: r.iatt, xattrs: r.xattrs };
    },

    stat: (ctx: CallCtx, loc: Loc): Promise<Iatt> =>
      routePath(st, ctx, loc.path, (i) => st.child(i).stat(ctx, loc), async (r) => r.iatt),

    setattr: (ctx: CallCtx, loc: Loc, attrs: SetAttr): Promise<Iatt> =>
      routePath(st, ctx, loc.path, (i) => st.child(i).setattr(ctx, loc, attrs),
        () => onEveryDir(st, loc.path, (c) => c.setattr(ctx, loc, attrs))),

    truncate: (ctx: CallCtx, loc: Loc, size: number): Promise<Iatt> =>
      routePath(st, ctx, loc.path, (i) => st.child(i).truncate(ctx, loc, size), async () => {
        throw st.error('EISDIR', `${loc.path} is a directory`);
      }),

    readlink: (ctx: CallCtx, loc: Loc): Promise<string> =>
      routePath(st, ctx, loc.path, (i) => st.child(i).readlink(ctx, loc), async () => {
        throw st.error('EINVAL', `${loc.path} is not a symbolic link`);
      }),

    /** Sums every reachable child's usage (in the first child's block size). ENOTCONN if none. */
    async statfs(ctx: CallCtx, loc: Loc): Promise<Statfs> {
      const ups = st.upIndexes();
      const out = await st.fanOut(ups, (c) => c.statfs(ctx, loc));
      const got = out.flatMap((o) => (o.ok ? [o.value] : []));
      if (got.length === 0) throw out.find((o) => !o.ok)?.error ?? st.error('ENOTCONN', 'no child is up');
      const frsize = got[0].frsize;
      const sum = (f: (s: Statfs) => number) => got.reduce((a, s) => a + f(s), 0);
      return {
        bsize: got[0].bsize, frsize,
        blocks: sum((s) => Math.floor((s.blocks * s.frsize) / frsize)),
        bfree: sum((s) => Math.floor((s.bfree * s.frsize) / frsize)),
        bavail: sum((s) => Math.floor((s.bavail * s.frsize) / frsize)),
        files: sum((s) => s.files), ffree: sum((s) => s.ffree),
        namemax: Math.min(...got.map((s) => s.namemax)),
      };
    },
  };
}
