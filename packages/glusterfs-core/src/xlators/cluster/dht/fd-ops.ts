import { isFsError } from '../../../errors/index.js';
import type { CallCtx, Fd, Fops, Iatt, Loc } from '../../../fop/index.js';
import { type DhtFd, bindFileFd, fileFd, firstUp, routePath } from './route.js';
import type { DhtState } from './state.js';

type FdFops = Pick<Fops, 'open' | 'read' | 'write' | 'fstat' | 'ftruncate' | 'fsync' | 'flush' | 'release'>;

/**
 * Fd fops of cluster/dht: open finds the child holding the data and records it in `fd.ctx`;
 * everything on the fd then goes straight there (ENOTCONN when that child is down).
 */
export function fdOps(st: DhtState): FdFops {
  const on = (fd: Fd) => st.child(fileFd(st, fd));
  return {
    async open(ctx: CallCtx, loc: Loc, flags: number, fd: Fd): Promise<void> {
      const openOn = async (i: number) => {
        await st.child(i).open(ctx, loc, flags, fd);
        bindFileFd(st, fd, i);
      };
      await routePath(st, ctx, loc.path, openOn, () => openOn(firstUp(st)));
    },
    read: (ctx: CallCtx, fd: Fd, size: number, offset: number): Promise<Buffer> => on(fd).read(ctx, fd, size, offset),
    write: (ctx: CallCtx, fd: Fd, data: Buffer, offset: number): Promise<Iatt> => on(fd).write(ctx, fd, data, offset),
    fstat: (ctx: CallCtx, fd: Fd): Promise<Iatt> => on(fd).fstat(ctx, fd),
    ftruncate: (ctx: CallCtx, fd: Fd, size: number): Promise<Iatt> => on(fd).ftruncate(ctx, fd, size),
    fsync: (ctx: CallCtx, fd: Fd, datasync: boolean): Promise<void> => on(fd).fsync(ctx, fd, datasync),
    flush: (ctx: CallCtx, fd: Fd): Promise<void> => on(fd).flush(ctx, fd),

    async release(ctx: CallCtx, fd: Fd): Promise<void> {
      const c = fd.ctx.get(st.name) as DhtFd | undefined;
      fd.ctx.delete(st.name);
      if (c?.kind !== 'file') return;
      try {
        await st.children[c.child].release(ctx, fd);
      } catch (e) {
        // release never fails visibly; a down child has already dropped the fd.
        if (!isFsError(e)) throw e;
      }
    },
  };
}
