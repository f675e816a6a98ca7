import type { CallCtx, Fops, Loc, LockCmd, LockRange, LockType } from '../../../fop/index.js';
import { type MemCore, lockClient } from './core.js';

type LockFops = Pick<Fops, 'inodelk' | 'entrylk'>;

/**
 * inodelk and entrylk of storage/memory: the simple form of features/locks. A lock is owned by
 * (connection, ctx.lkOwner); `trylock` fails with EAGAIN, `lock` waits in FIFO order.
 */
export function lockOps(core: MemCore): LockFops {
  const { store, locks } = core;
  return {
    async inodelk(ctx: CallCtx, domain: string, loc: Loc, cmd: LockCmd, type: LockType, range: LockRange): Promise<void> {
      const ino = store.resolve(loc.path);
      if (range.start < 0 || range.len < 0) throw store.error('EINVAL', 'negative lock range');
      const key = { start: range.start, end: range.len === 0 ? Infinity : range.start + range.len };
      const lock = { client: lockClient(ctx), owner: ctx.lkOwner, type, key };
      await locks.inodelk(ino.gfid, domain, cmd, lock, ctx.signal, core.name);
    },

    async entrylk(ctx: CallCtx, domain: string, loc: Loc, basename: string | null, cmd: LockCmd, type: LockType): Promise<void> {
      const ino = store.resolve(loc.path);
      if (!ino.dir) throw store.error('ENOTDIR', `${loc.path} is not a directory`);
      const lock = { client: lockClient(ctx), owner: ctx.lkOwner, type, key: basename };
      await locks.entrylk(ino.gfid, domain, cmd, lock, ctx.signal, core.name);
    },
  };
}
