import type { CallCtx, Fd, Fops, Iatt, Loc } from '../../../fop/index.js';
import { S_IFMT, S_IFREG, blockDigests, isSymlink, rchecksumArgsProblem } from '../../../fop/index.js';
import { type MemCore, O, bindFd, fdState, writable } from './core.js';
import { type Inode, toIatt, touchModified } from './inode.js';

type FdFops = Pick<Fops, 'open' | 'create' | 'read' | 'write' | 'fsync' | 'flush' | 'release' | 'fstat' | 'ftruncate' | 'rchecksum'>;

/** open/create/read/write and the other fd-based fops of storage/memory. */
export function fdOps(core: MemCore): FdFops {
  const { store } = core;
  const openInode = (ino: Inode, flags: number, fd: Fd, path: string) => openOn(core, ino, flags, fd, path);
  return {
    async open(_ctx: CallCtx, loc: Loc, flags: number, fd: Fd): Promise<void> {
      openInode(store.resolve(loc.path), flags, fd, loc.path);
    },

    async create(ctx: CallCtx, loc: Loc, flags: number, mode: number, fd: Fd): Promise<Iatt> {
      const { parent, name } = store.resolveParent(loc.path);
      if (name === '') throw store.error('EISDIR', '/ is a directory');
      let ino = store.child(parent, name);
      if (ino && flags & O.EXCL) throw store.error('EEXIST', `${loc.path} exists`);
      // open(2) with O_CREAT refuses a directory whatever the access mode.
      if (ino?.dir) throw store.error('EISDIR', `${loc.path} is a directory`);
      if (!ino) {
        ino = reuseOrMake(core, loc, ctx, mode);
        store.attach(parent, name, ino);
      }
      openInode(ino, flags, fd, loc.path);
      return toIatt(ino);
    },

    async read(_ctx: CallCtx, fd: Fd, size: number, offset: number): Promise<Buffer> {
      const { ino, flags } = fdState(core, fd);
      if (ino.dir) throw store.error('EISDIR', `${fd.path} is a directory`);
      if ((flags & O.ACCMODE) === O.WRONLY) throw store.error('EBADF', `${fd.path} is open write-only`);
      if (size < 0 || offset < 0) throw store.error('EINVAL', 'negative size or offset');
      const end = Math.min(ino.size, offset + size);
      return end > offset ? Buffer.from(ino.data.subarray(offset, end)) : Buffer.alloc(0);
    },

    async rchecksum(_ctx: CallCtx, fd: Fd, offset: number, length: number, blockSize: number): Promise<Buffer> {
      const { ino, flags } = fdState(core, fd);
      if (ino.dir) throw store.error('EISDIR', `${fd.path} is a directory`);
      if ((flags & O.ACCMODE) === O.WRONLY) throw store.error('EBADF', `${fd.path} is open write-only`);
      const problem = rchecksumArgsProblem(offset, length, blockSize);
      if (problem) throw store.error('EINVAL', problem);
      const end = Math.min(ino.size, offset + length);
      return blockDigests(end > offset ? ino.data.subarray(offset, end) : Buffer.alloc(0), blockSize);
    },

    async write(_ctx: CallCtx, fd: Fd, data: Buffer, offset: number): Promise<Iatt> {
      const { ino, flags } = fdState(core, fd);
      if (ino.dir || !writable(flags)) throw store.error('EBADF', `${fd.path} is not open for writing`);
      if (offset < 0) throw store.error('EINVAL', 'negative offset');
      // O_APPEND writes land at the end whatever the offset, as pwrite(2) does on Linux.
      const pos = flags & O.APPEND ? ino.size : offset;
      if (pos + data.length > ino.size) store.setSize(ino, pos + data.length);
      data.copy(ino.data, pos);
      touchModified(ino);
      return toIatt(ino);
    },

    // Memory is as stable as this brick gets: only the fd is checked.
    fsync: async (_ctx: CallCtx, fd: Fd) => void fdState(core, fd),
    flush: async (_ctx: CallCtx, fd: Fd) => void fdState(core, fd),

    async release(_ctx: CallCtx, fd: Fd): Promise<void> {
      fd.ctx.delete(core.name);
    },

    async fstat(_ctx: CallCtx, fd: Fd): Promise<Iatt> {
      return toIatt(fdState(core, fd).ino);
    },

    async ftruncate(_ctx: CallCtx, fd: Fd, size: number): Promise<Iatt> {
      const { ino, flags } = fdState(core, fd);
      // Linux answers EINVAL (not EBADF) for a read-only or non-regular fd.
      if ((ino.mode & S_IFMT) !== S_IFREG || !writable(flags)) throw store.error('EINVAL', `${fd.path} is not writable`);
      return truncateInode(core, ino, size);
    },
  };
}

/** Opens an inode: ELOOP (symlink), EISDIR (directory for writing); O_TRUNC empties a file. */
function openOn(core: MemCore, ino: Inode, flags: number, fd: Fd, path: string): void {
  const { store } = core;
  if (isSymlink(ino)) throw store.error('ELOOP', `${path} is a symbolic link`);
  if (ino.dir && writable(flags)) throw store.error('EISDIR', `${path} is a directory`);
  if (!ino.dir && flags & O.TRUNC && writable(flags) && ino.size > 0) {
    store.setSize(ino, 0);
    touchModified(ino);
  }
  bindFd(core, fd, ino, flags);
}

/** Sets a regular file's size (zero-filling when it grows). EINVAL (negative), ENOSPC. */
export function truncateInode(core: MemCore, ino: Inode, size: number): Iatt {
  if (size < 0 || !Number.isInteger(size)) throw core.store.error('EINVAL', `bad size ${size}`);
  core.store.setSize(ino, size);
  touchModified(ino);
  return toIatt(ino);
}

/**
 * The inode a create-family call links in: an existing one of the same type when `loc.gfid`
 * is already known here (a second name of the same inode, as GlusterFS's posix does for link
 * files and entry heal), otherwise a new one with `loc.gfid` (or a fresh GFID). EEXIST when the
 * GFID belongs to an inode of another type.
 */
export function reuseOrMake(core: MemCore, loc: Loc, ctx: CallCtx, mode: number, type = S_IFREG): Inode {
  const known = loc.gfid ? core.store.inodes.get(loc.gfid) : undefined;
  if (known) {
    if ((known.mode & S_IFMT) !== type) throw core.store.error('EEXIST', `GFID ${loc.gfid} is in use`);
    return known;
  }
  return core.store.make(type, mode, ctx.uid, ctx.gid, loc.gfid);
}
