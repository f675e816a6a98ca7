import { constants } from 'node:fs';
import type { CallCtx, DirPage, Fd, Fops, Iatt, Loc } from '../../../fop/index.js';
import { dataChange, settleFd } from './eager.js';
import { type AfrFd, afrFd, beginFd, tracked } from './fd-state.js';
import { infoOf, readFrom } from './read-child.js';
import type { AfrState } from './state.js';
import { answerOf } from './transaction.js';

type FdFops = Pick<Fops, 'open' | 'read' | 'rchecksum' | 'write' | 'fstat' | 'ftruncate' | 'fsync' | 'flush' | 'release' | 'opendir' | 'readdir' | 'releasedir'>;

const fdLoc = (fd: Fd): Loc => ({ path: fd.path, gfid: fd.gfid || undefined });

/**
 * Fd fops of cluster/afr. Files are opened on every child up (writes go everywhere; O_TRUNC
 * becomes a replicated truncate); reads go to one readable child the fd is open on, failing
 * over to the next. Directories are opened on one child that holds the truth about the names,
 * and readdir stays there (cookies belong to one brick).
 */
export function fdOps(st: AfrState): FdFops {
  return {
    async open(ctx, loc, flags, fd) {
      const opening = beginFd(st, fd);
      const up = st.upIndexes();
      const out = await st.fanOut(up, (c) => c.open(ctx, loc, flags & ~constants.O_TRUNC, fd));
      const open = up.filter((_, k) => out[k].ok);
      if (open.length === 0) {
        const e = up.length === 0 ? st.error('ENOTCONN', `no brick of ${st.name} is up`) : answerOf(out);
        opening.failed(e);
        throw e;
      }
      opening.opened(open);
      if (flags & constants.O_TRUNC) await dataChange(st, ctx, fd, `open(O_TRUNC) ${loc.path}`, (c) => c.ftruncate(ctx, fd, 0));
    },
    read: (ctx, fd, size, offset): Promise<Buffer> => onReadable(st, ctx, fd, (c) => c.read(ctx, fd, size, offset)),
    rchecksum: (ctx, fd, offset, length, blockSize): Promise<Buffer> => onReadable(st, ctx, fd, (c) => c.rchecksum(ctx, fd, offset, length, blockSize)),
    fstat: (ctx, fd): Promise<Iatt> => onReadable(st, ctx, fd, (c) => c.fstat(ctx, fd)),
    write: (ctx, fd, data, offset): Promise<Iatt> => dataChange(st, ctx, fd, `write ${fd.path}`, (c) => c.write(ctx, fd, data, offset)),
    ftruncate: (ctx, fd, size): Promise<Iatt> => dataChange(st, ctx, fd, `ftruncate ${fd.path}`, (c) => c.ftruncate(ctx, fd, size)),
    fsync: (ctx, fd, datasync) => onEveryOpen(st, fd, (c) => c.fsync(ctx, fd, datasync)),
    flush: (ctx, fd) => onEveryOpen(st, fd, (c) => c.flush(ctx, fd), true),
    async release(ctx, fd) {
      const afd = await afrFd(st, fd).catch(() => undefined);
      while (afd && afd.calls.size > 0) await Promise.all(afd.calls);
      await settleFd(st, fd);
      fd.ctx.delete(st.name);
      if (afd) await st.fanOut(afd.open, (c) => c.release(ctx, fd));
    },
    async opendir(ctx, loc, fd) {
      const info = await infoOf(st, ctx, loc);
      await readFrom(st, ctx, { path: loc.path, gfid: info.gfid }, async (c, i) => {
        await c.opendir(ctx, loc, fd);
        fd.ctx.set(st.name, { open: [i], bad: new Set(), readChild: i, calls: new Set() } satisfies AfrFd);
      }, { names: true });
    },
    async readdir(ctx, fd, offset, count): Promise<DirPage> {
      const afd = await afrFd(st, fd);
      return st.children[afd.readChild ?? afd.open[0]].readdir(ctx, fd, offset, count);
    },
    async releasedir(ctx, fd) {
      const afd = fd.ctx.get(st.name) as AfrFd | undefined;
      fd.ctx.delete(st.name);
      if (afd) await st.fanOut(afd.open, (c) => c.releasedir(ctx, fd));
    },
  };
}

async function onReadable<T>(st: AfrState, ctx: CallCtx, fd: Fd, fn: Parameters<typeof readFrom<T>>[3]): Promise<T> {
  const afd = await afrFd(st, fd);
  return tracked(afd, readFrom(st, ctx, fdLoc(fd), fn, { allowed: (i) => afd.open.includes(i) && !afd.bad.has(i) }));
}

// flush and fsync: the fd's pending marks are settled (post-op) and every copy is told. fsync
// must follow the writes, so it waits for the post-op (which waits for them); a flush only
// marks a close and goes out alongside.
async function onEveryOpen(st: AfrState, fd: Fd, fn: Parameters<AfrState['fanOut']>[1], alongside = false): Promise<void> {
  const afd = await afrFd(st, fd);
  await tracked(afd, (async () => {
    const live = afd.open.filter((i) => st.isUp(i));
    const settled = settleFd(st, fd);
    if (!alongside) await settled;
    const [, out] = await Promise.all([settled, st.fanOut(live, fn)]);
    if (live.length > 0 && out.every((o) => !o.ok)) throw answerOf(out);
  })());
}
