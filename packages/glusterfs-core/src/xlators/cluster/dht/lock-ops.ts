import type { CallCtx, Fops, Loc, LockCmd, LockRange, LockType } from '../../../fop/index.js';
import { baseName, parentPath } from '../../../fop/index.js';
import { dirInfo } from './lookup.js';
import { routePath } from './route.js';
import type { DhtState } from './state.js';

/**
 * inodelk and entrylk of cluster/dht. A file's locks live on the child holding its data. All of
 * a directory's locks (inode and entry, whole or per name) live on one child, the one its name
 * hashes to in its parent (child 0 for `/`), so every client meets every other on the same brick.
 */
export function lockOps(st: DhtState): Pick<Fops, 'inodelk' | 'entrylk'> {
  const dirChild = async (ctx: CallCtx, path: string): Promise<number> => {
    if (path === '/') return 0;
    const parent = await dirInfo(st, ctx, parentPath(path));
    return st.hashedChild(parent.layout, baseName(path)) ?? 0;
  };
  return {
    inodelk: (ctx: CallCtx, domain: string, loc: Loc, cmd: LockCmd, type: LockType, range: LockRange): Promise<void> =>
      routePath(st, ctx, loc.path,
        (i) => st.child(i).inodelk(ctx, domain, loc, cmd, type, range),
        async () => st.child(await dirChild(ctx, loc.path)).inodelk(ctx, domain, loc, cmd, type, range)),

    entrylk: (ctx: CallCtx, domain: string, loc: Loc, basename: string | null, cmd: LockCmd, type: LockType): Promise<void> =>
      routePath(st, ctx, loc.path,
        async () => {
          throw st.error('ENOTDIR', `${loc.path} is not a directory`);
        },
        async () => st.child(await dirChild(ctx, loc.path)).entrylk(ctx, domain, loc, basename, cmd, type)),
  };
}
