import type {
  CallCtx, Fops, Iatt, Loc, LookupReply, SetAttr, Statfs, XattrFlags, Xattrs, XattropOp,
} from '../../../fop/index.js';
import { S_IFMT, S_IFREG, isSymlink } from '../../../fop/index.js';
import { XATTR, gfidToBuffer } from '../../../format/index.js';
import type { MemCore } from './core.js';
import { truncateInode } from './fd-ops.js';
import { type Inode, toIatt } from './inode.js';
import { NAME_MAX } from './store.js';
import { addCounters } from './xattrop.js';

type InodeFops = Pick<Fops, 'lookup' | 'stat' | 'setattr' | 'truncate' | 'readlink' | 'getxattr' |
  'setxattr' | 'removexattr' | 'xattrop' | 'statfs'>;

/** Attribute, xattr and usage fops of storage/memory (everything addressed by path, not fd). */
export function inodeOps(core: MemCore): InodeFops {
  const { store } = core;
  const xattr = (ino: Inode, name: string): Buffer | undefined =>
    name === XATTR.GFID ? gfidToBuffer(ino.gfid) : ino.xattrs.get(name);

  return {
    async lookup(_ctx: CallCtx, loc: Loc, xattrNames: string[]): Promise<LookupReply> {
      const ino = store.resolve(loc.path);
      const xattrs: Xattrs = {};
      for (const n of xattrNames ?? []) {
        const v = xattr(ino, n);
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

    async getxattr(_ctx: CallCtx, loc: Loc, name: string | null): Promise<Xattrs> {
      const ino = store.resolve(loc.path);
      if (name === null) {
        const all: Xattrs = { [XATTR.GFID]: gfidToBuffer(ino.gfid) };
        for (const [k, v] of ino.xattrs) all[k] = Buffer.from(v);
        return all;
      }
      const v = xattr(ino, name);
      if (!v) throw store.error('ENODATA', `${loc.path}: no xattr ${name}`);
      return { [name]: Buffer.from(v) };
    },

    async setxattr(_ctx: CallCtx, loc: Loc, xattrs: Xattrs, flags: XattrFlags): Promise<void> {
      const ino = store.resolve(loc.path);
      // Check every name first so a refused call changes nothing.
      for (const [k, v] of Object.entries(xattrs)) checkSet(core, ino, k, v, flags);
      for (const [k, v] of Object.entries(xattrs)) if (k !== XATTR.GFID) ino.xattrs.set(k, Buffer.from(v));
      ino.ctimeMs = Date.now();
    },

    async removexattr(_ctx: CallCtx, loc: Loc, name: string): Promise<void> {
      const ino = store.resolve(loc.path);
      if (name === XATTR.GFID) throw store.error('EPERM', 'the GFID cannot be removed');
      if (!ino.xattrs.delete(name)) throw store.error('ENODATA', `${loc.path}: no xattr ${name}`);
      ino.ctimeMs = Date.now();
    },

    async xattrop(_ctx: CallCtx, loc: Loc, op: XattropOp, xattrs: Xattrs): Promise<Xattrs> {
      const ino = store.resolve(loc.path);
      const sums = Object.entries(xattrs).map(([k, v]) => [k, addCounters(op, ino.xattrs.get(k), v, core.name)] as const);
      const out: Xattrs = {};
      for (const [k, v] of sums) {
        ino.xattrs.set(k, v);
        out[k] = Buffer.from(v);
      }
      return out;
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

function checkSet(core: MemCore, ino: Inode, name: string, value: Buffer, flags: XattrFlags): void {
  const { store } = core;
  if (name.length === 0 || Buffer.byteLength(name) > 255) throw store.error('ERANGE', `bad xattr name "${name}"`);
  if (name === XATTR.GFID) {
    if (!gfidToBuffer(ino.gfid).equals(value)) throw store.error('EPERM', 'the GFID cannot change');
    return;
  }
  const has = ino.xattrs.has(name);
  if (flags === 1 && has) throw store.error('EEXIST', `xattr ${name} exists`);
  if (flags === 2 && !has) throw store.error('ENODATA', `no xattr ${name}`);
}
