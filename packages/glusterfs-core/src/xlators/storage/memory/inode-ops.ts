import type { CallCtx, Fops, Iatt, Loc, LookupReply, SetAttr, Statfs, Xattrs } from '../../../fop/index.js';
import { S_IFMT, S_IFREG, isSymlink } from '../../../fop/index.js';
import type { MemCore } from './core.js';
import { truncateInode } from './fd-ops.js';
import { toIatt } from './inode.js';
import { NAME_MAX } from './store.js';
import { xattrOf } from './xattr-ops.js';

type InodeFops = Pick<Fops, 'lookup' | 'stat' | 'setattr' | 'truncate' | 'readlink' | 'statfs'>;

/** Attribute and usage fops of storage/memory. */
export function inodeOps(core: MemCore): InodeFops {
  const { store } = core;

  return {
    async lookup(_ctx: CallCtx, loc: Loc, xattrNames: string[]): Promise<LookupReply> {
      const ino = store.resolve(loc.path);
      const xattrs: Xattrs = {};
      for (const n of xattrNames ?? []) {
        const v = xattrOf(ino, n);
        if (v) xattrs[n] = Buffer.from(v);
      }
      return { iatt: toIatt(ino), xattrs };
    },

    async stat(_ctx: CallCtx, loc: Loc): Promise<Iatt> {
      return toIatt(store.resolve(loc.path));
    },

    async setattr(_ctx: CallCtx, loc: Loc, attrs: SetAttr): Promise<Iatt> {
      const ino = store.resolve(loc.path);
      if (attrs.mode !== undefined) ino.mode = (ino.mode & S_IFMT) | (attrs.mode & 0o7777);
      if (attrs.uid !== undefined) ino.uid = attrs.uid;
      if (attrs.gid !== undefined) ino.gid = attrs.gid;
      if (attrs.atimeMs !== undefined) ino.atimeMs = attrs.atimeMs;
      if (attrs.mtimeMs !== undefined) ino.mtimeMs = attrs.mtimeMs;
      ino.ctimeMs = Date.now();
      return toIatt(ino);
    },

    async truncate(_ctx: CallCtx, loc: Loc, size: number): Promise<Iatt> {
      const ino = store.resolve(loc.path);
      if (ino.dir) throw store.error('EISDIR', `${loc.path} is a directory`);
      if ((ino.mode & S_IFMT) !== S_IFREG) throw store.error('EINVAL', `${loc.path} is not a regular file`);
      return truncateInode(core, ino, size);
    },

    async readlink(_ctx: CallCtx, loc: Loc): Promise<string> {
      const ino = store.resolve(loc.path);
      if (!isSymlink(ino)) throw store.error('EINVAL', `${loc.path} is not a symbolic link`);
      return ino.target;
    },

    async statfs(_ctx: CallCtx, loc: Loc): Promise<Statfs> {
      store.resolve(loc.path);
      const bsize = 4096;
      const files = 1 << 30;
      const bfree = Math.floor((store.capacity - store.used) / bsize);
      return {
        bsize, frsize: bsize, blocks: Math.floor(store.capacity / bsize), bfree, bavail: bfree,
        files, ffree: files - store.inodes.size, namemax: NAME_MAX,
      };
    },
  };
}
