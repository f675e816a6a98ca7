import type { CallCtx, Fops, Loc, XattrFlags, Xattrs, XattropOp } from '../../../fop/index.js';
import { PATHINFO_XATTR, VXATTR, XATTR, gfidToBuffer, pathinfoReply, posixPathinfo } from '../../../format/index.js';
import type { MemCore } from './core.js';
import { gfidToPath } from './gfid-path.js';
import type { Inode } from './inode.js';
import { addCounters } from './xattrop.js';

type XattrFops = Pick<Fops, 'getxattr' | 'setxattr' | 'removexattr' | 'xattrop'>;

/** One xattr of an inode; `trusted.gfid` is synthesised from the inode's GFID. */
export function xattrOf(ino: Inode, name: string): Buffer | undefined {
  return name === XATTR.GFID ? gfidToBuffer(ino.gfid) : ino.xattrs.get(name);
}

/**
 * Extended-attribute fops of storage/memory, xattrop's counters included.
 * `getxattr('/', 'glusterfs.gfid-path.<gfid>')` is virtual: the volume path of that GFID here;
 * so is `trusted.glusterfs.pathinfo`, naming brick `memory:<name>` on host `localhost`.
 */
export function xattrOps(core: MemCore): XattrFops {
  const { store } = core;
  return {
    async getxattr(_ctx: CallCtx, loc: Loc, name: string | null): Promise<Xattrs> {
      if (loc.path === '/' && name?.startsWith(VXATTR.GFID_PATH_PREFIX)) {
        return { [name]: Buffer.from(gfidToPath(store, name.slice(VXATTR.GFID_PATH_PREFIX.length)), 'utf8') };
      }
      const ino = store.resolve(loc.path);
      // No directory backs this brick; the made-up one keeps pathinfo's shape for tests.
      if (name === PATHINFO_XATTR) return pathinfoReply(posixPathinfo(`memory:${core.name}`, 'localhost', loc.path));
      if (name === null) {
        const all: Xattrs = { [XATTR.GFID]: gfidToBuffer(ino.gfid) };
        for (const [k, v] of ino.xattrs) all[k] = Buffer.from(v);
        return all;
      }
      const v = xattrOf(ino, name);
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
