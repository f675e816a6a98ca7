import { FsError } from '../../../errors/index.js';
import type { CallCtx, Fops, Xattrs } from '../../../fop/index.js';
import { PATHINFO_XATTR, VXATTR, XATTR, pathinfoReply, posixPathinfo } from '../../../format/index.js';
import type { Brick } from './brick.js';
import { addCounters, isZero } from './counters.js';
import { gfidToPath } from './gfid-path.js';
import { lstatOrNull } from './iatt.js';
import { resolve, type Resolved } from './resolve.js';
import { getXattr, listXattrs, removeXattr, setXattr } from './xattr.js';
import { markLinkfileDir } from './linkfile-marks.js';

type XattrFops = Pick<Fops, 'getxattr' | 'setxattr' | 'removexattr' | 'xattrop'>;

/**
 * Extended attributes, on the entry itself (never through a final symlink). Every fop here is
 * synchronous from resolve to the last syscall, so within this process each one is atomic per
 * inode: in particular xattrop's read-add-write cannot interleave with another xattrop.
 * `getxattr('/', 'glusterfs.gfid-path.<gfid>')` is virtual: the volume path of that GFID here;
 * so is `trusted.glusterfs.pathinfo`: this brick's host and the entry's path on it.
 */
export function xattrFops(b: Brick): XattrFops {
  return {
    async getxattr(_ctx, loc, name) {
      if (loc.path === '/' && name?.startsWith(VXATTR.GFID_PATH_PREFIX)) {
        return { [name]: Buffer.from(gfidToPath(b, name.slice(VXATTR.GFID_PATH_PREFIX.length)), 'utf8') };
      }
      const r = resolve(b, loc.path, 'read');
      if (name === PATHINFO_XATTR) {
        mustExist(b, r);
        return pathinfoReply(posixPathinfo(b.directory, b.host, loc.path));
      }
      if (name === null) {
        mustExist(b, r);
        const out: Xattrs = {};
        for (const n of listXattrs(r.real)) {
          const v = getXattr(r.real, n);
          if (v) out[n] = v;
        }
        return out;
      }
      const v = getXattr(r.real, name);
      if (v) return { [name]: v };
      mustExist(b, r);
      throw new FsError('ENODATA', `no xattr ${name} on ${loc.path}`, b.name);
    },

    async setxattr(ctx, loc, xattrs, flags) {
      const r = resolve(b, loc.path, 'write');
      mustExist(b, r);
      const names = Object.keys(xattrs);
      for (const n of names) guard(b, n, ctx);
      if (flags === 1 || flags === 2) {
        for (const n of names) {
          const has = getXattr(r.real, n) !== null;
          if (flags === 1 && has) throw new FsError('EEXIST', `xattr ${n} exists`, b.name);
          if (flags === 2 && !has) throw new FsError('ENODATA', `no xattr ${n} to replace`, b.name);
        }
      }
      for (const n of names) setXattr(r.real, n, xattrs[n]!);
      if (XATTR.DHT_LINKTO in xattrs) markLinkfileDir(r.real);
    },

    async removexattr(ctx, loc, name) {
      const r = resolve(b, loc.path, 'write');
      guard(b, name, ctx);
      mustExist(b, r);
      removeXattr(r.real, name);
    },

    async xattrop(ctx, loc, op, xattrs) {
      const r = resolve(b, loc.path, 'write');
      if (op !== 'add32' && op !== 'add64') throw new FsError('EINVAL', `unknown xattrop ${String(op)}`, b.name);
      mustExist(b, r);
      const out: Xattrs = {};
      for (const [n, delta] of Object.entries(xattrs)) {
        guard(b, n, ctx);
        const cur = getXattr(r.real, n);
        const next = addCounters(op, cur, Buffer.from(delta));
        // An all-zero delta only reads the counters (AFR does that); skip the write.
        if (!isZero(delta) || (cur !== null && cur.length !== next.length)) setXattr(r.real, n, next);
        out[n] = next;
      }
      return out;
    },
  };
}

function mustExist(b: Brick, r: Resolved): void {
  if (!lstatOrNull(r.real)) throw new FsError('ENOENT', undefined, b.name);
}

// The GFID is the inode's identity and its handle's name: it is set by the create family
// (or lookup heal) only, never by setxattr. `security.*` (file capabilities, SELinux labels)
// grant privileges on the server, where brick files are plain files: root there only.
function guard(b: Brick, name: string, ctx: CallCtx): void {
  if (name === XATTR.GFID) throw new FsError('EPERM', `${XATTR.GFID} cannot be changed`, b.name);
  if (typeof name !== 'string' || name === '' || name.includes('\0')) throw new FsError('EINVAL', 'bad xattr name', b.name);
  if (name.startsWith('security.') && !ctx.privileged) {
    throw new FsError('EPERM', `only root on a server of the volume may set ${name}`, b.name);
  }
}
