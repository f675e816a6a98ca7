import type { CallCtx, Fd, Fops, Iatt, Loc, Subvol } from '../../../fop/index.js';
import { baseName, isFile, parentPath } from '../../../fop/index.js';
import { newGfid } from '../../../format/index.js';
import { beginFd } from './fd-state.js';
import type { LockTarget } from './locks.js';
import type { AfrState } from './state.js';
import { type TxnResult, transaction } from './transaction.js';

type EntryFops = Pick<Fops, 'create' | 'mkdir' | 'symlink' | 'link' | 'unlink' | 'rmdir' | 'rename'>;

const parentOf = (path: string): Loc => ({ path: parentPath(path) });
const nameLock = (path: string): LockTarget => ({ kind: 'entry', loc: parentOf(path), name: baseName(path) });

/**
 * Entry fops of cluster/afr: each is an entry transaction on the parent directory (its name
 * locked with entrylk, its entry counters marking which replicas missed the change). New
 * entries get one GFID chosen here, the same on every replica. rename locks both names in a
 * fixed order, so two renames cannot wait for each other.
 */
export function entryOps(st: AfrState): EntryFops {
  const entryTxn = <T>(
    ctx: CallCtx, what: string, paths: string[], op: (c: Subvol, i: number) => Promise<T>,
    undo?: (c: Subvol) => Promise<void>, applied?: (succeeded: number[]) => void,
  ): Promise<TxnResult<T>> => {
    const locks = [...new Set(paths)].sort().map(nameLock);
    const marks = [...new Set(paths.map(parentPath))].sort().map((p) => ({ path: p }));
    return transaction(st, ctx, { what, kind: 'entry', locks, marks, op, undo, applied });
  };
  const withGfid = (loc: Loc): Loc => ({ path: loc.path, gfid: loc.gfid || newGfid() });
  const learnt = (path: string, r: TxnResult<Iatt>): Iatt => {
    st.remember(path, { gfid: r.value.gfid, readable: r.succeeded, splitBrain: false });
    return r.value;
  };

  return {
    async create(ctx, loc, flags, mode, fd: Fd) {
      const at = withGfid(loc);
      const opening = beginFd(st, fd);
      try {
        const r = await entryTxn(ctx, `create ${loc.path}`, [loc.path], (c) => c.create(ctx, at, flags, mode, fd), async (c) => {
          await c.release(ctx, fd).catch(() => undefined);
          await c.unlink(ctx, at);
        }, (succeeded) => opening.opened(succeeded));
        opening.opened(r.succeeded);
        return learnt(loc.path, r);
      } catch (e) {
        opening.failed(e);
        throw e;
      }
    },
    async mkdir(ctx, loc, mode) {
      const at = withGfid(loc);
      return learnt(loc.path, await entryTxn(ctx, `mkdir ${loc.path}`, [loc.path], (c) => c.mkdir(ctx, at, mode), (c) => c.rmdir(ctx, at)));
    },
    async symlink(ctx, target, loc) {
      const at = withGfid(loc);
      return learnt(loc.path, await entryTxn(ctx, `symlink ${loc.path}`, [loc.path], (c) => c.symlink(ctx, target, at), (c) => c.unlink(ctx, at)));
    },
    async link(ctx, from, to) {
      const r = await entryTxn(ctx, `link ${to.path}`, [to.path], (c) => c.link(ctx, from, to), (c) => c.unlink(ctx, to));
      if (isFile(r.value)) st.forget({ gfid: r.value.gfid });
      return r.value;
    },
    async unlink(ctx, loc) {
      await entryTxn(ctx, `unlink ${loc.path}`, [loc.path], (c) => c.unlink(ctx, loc));
      st.forget(loc);
    },
    async rmdir(ctx, loc) {
      await entryTxn(ctx, `rmdir ${loc.path}`, [loc.path], (c) => c.rmdir(ctx, loc));
      st.forget(loc);
    },
    async rename(ctx, from, to) {
      const r = await entryTxn(ctx, `rename ${from.path}`, [from.path, to.path], (c) => c.rename(ctx, from, to));
      st.forget({ path: from.path });
      st.forget({ path: to.path });
      return r.value;
    },
  };
}
