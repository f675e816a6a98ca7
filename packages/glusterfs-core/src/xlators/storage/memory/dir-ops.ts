import type { CallCtx, DirPage, Fd, Fops, Loc } from '../../../fop/index.js';
import { type MemCore, O, bindFd, fdState } from './core.js';
import { toIatt } from './inode.js';

type DirFops = Pick<Fops, 'opendir' | 'readdir' | 'releasedir'>;

/** Directory listing fops of storage/memory. Cookies are the entries' stable sequence numbers. */
export function dirOps(core: MemCore): DirFops {
  const { store } = core;
  return {
    async opendir(_ctx: CallCtx, loc: Loc, fd: Fd): Promise<void> {
      const ino = store.resolve(loc.path);
      if (!ino.dir) throw store.error('ENOTDIR', `${loc.path} is not a directory`);
      bindFd(core, fd, ino, O.RDONLY);
    },

    async readdir(_ctx: CallCtx, fd: Fd, offset: number, count: number): Promise<DirPage> {
      const { ino } = fdState(core, fd);
      if (!ino.dir) throw store.error('ENOTDIR', `${fd.path} is not a directory`);
      if (!(count >= 1) || !(offset >= 0)) throw store.error('EINVAL', `bad readdir count ${count} or offset ${offset}`);
      const { slots, eof } = ino.dir.page(offset, count);
      const entries = slots.map((s) => ({ name: s.name, off: s.seq, iatt: toIatt(store.inodes.get(s.gfid)!) }));
      return { entries, eof };
    },

    async releasedir(_ctx: CallCtx, fd: Fd): Promise<void> {
      fd.ctx.delete(core.name);
    },
  };
}
