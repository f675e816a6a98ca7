import type { CallCtx, Fd, Fops, Iatt, Loc } from '../../../fop/index.js';
import { beginOpen, onFileFd, releaseFileFd } from './fd-state.js';
import { firstUp, routePath } from './route.js';
import type { DhtState } from './state.js';

type FdFops = Pick<Fops, 'open' | 'read' | 'write' | 'fstat' | 'ftruncate' | 'fsync' | 'flush' | 'release' | 'rchecksum'>;

/**
 * Fd fops of cluster/dht: open finds the child holding the data and records it in `fd.ctx`
 * (as soon as the open is sent, so calls made right behind it follow without waiting for its
 * reply); everything on the fd then goes straight there (ENOTCONN when that child is down).
 */
export function fdOps(st: DhtState): FdFops {
  return {
    async open(ctx: CallCtx, loc: Loc, flags: number, fd: Fd): Promise<void> {
      const opening = beginOpen(st, fd);
      const openOn = async (i: number) => {
        const sent = st.child(i).open(ctx, loc, flags, fd);
        opening.routed(i);
        await sent;
        opening.opened(i);
      };
      try {
        await routePath(st, ctx, loc.path, openOn, () => openOn(firstUp(st)));
      } catch (e) {
        opening.failed(e);
        throw e;
      }
    },
    read: (ctx: CallCtx, fd: Fd, size: number, offset: number): Promise<Buffer> => onFileFd(st, fd, (c) => c.read(ctx, fd, size, offset)),
    rchecksum: (ctx: CallCtx, fd: Fd, offset: number, length: number, blockSize: number): Promise<Buffer> =>
      onFileFd(st, fd, (c) => c.rchecksum(ctx, fd, offset, length, blockSize)),
    write: (ctx: CallCtx, fd: Fd, data: Buffer, offset: number): Promise<Iatt> => onFileFd(st, fd, (c) => c.write(ctx, fd, data, offset)),
    fstat: (ctx: CallCtx, fd: Fd): Promise<Iatt> => onFileFd(st, fd, (c) => c.fstat(ctx, fd)),
    ftruncate: (ctx: CallCtx, fd: Fd, size: number): Promise<Iatt> => onFileFd(st, fd, (c) => c.ftruncate(ctx, fd, size)),
    fsync: (ctx: CallCtx, fd: Fd, datasync: boolean): Promise<void> => onFileFd(st, fd, (c) => c.fsync(ctx, fd, datasync)),
    flush: (ctx: CallCtx, fd: Fd): Promise<void> => onFileFd(st, fd, (c) => c.flush(ctx, fd)),
    release: (ctx: CallCtx, fd: Fd): Promise<void> => releaseFileFd(st, ctx, fd),
  };
}
