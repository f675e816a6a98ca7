import { normalizePath, PERMISSION_MASK } from '../namespace/index.js';
import { required, toNumber, xattrFromProto, xattrProto } from './convert.js';
import type { Handlers } from './handler.js';

/** Methods that change names and attributes. */
export const treeHandlers: Handlers<'mkdirs' | 'delete' | 'rename' | 'rename2' | 'setPermission' | 'setReplication' | 'setOwner' | 'setTimes' | 'getXAttrs' | 'listXAttrs' | 'setXAttr' | 'removeXAttr'> = {
  // Go's os.ModeDir (bit 31) comes along on permissions, and setuid/setgid are not HDFS's: keep rwx and sticky.
  async mkdirs({ ns, user }, req) {
    const perm = (req.masked?.perm ?? 0o755) & PERMISSION_MASK;
    return { result: await ns.mkdirs(user, normalizePath(required(req.src, 'src')), perm, req.createParent ?? false) };
  },
  async delete({ ns, user }, req) {
    return { result: await ns.delete(user, normalizePath(required(req.src, 'src')), req.recursive ?? false) };
  },
  async rename({ ns, user }, req) {
    return { result: await ns.renameLegacy(user, normalizePath(required(req.src, 'src')), normalizePath(required(req.dst, 'dst'))) };
  },
  async rename2({ ns, user }, req) {
    await ns.rename(user, normalizePath(required(req.src, 'src')), normalizePath(required(req.dst, 'dst')), req.overwriteDest ?? false);
    return {};
  },
  async setPermission({ ns, user }, req) {
    await ns.setPermission(user, normalizePath(required(req.src, 'src')), (req.permission?.perm ?? 0) & PERMISSION_MASK);
    return {};
  },
  // The factor is a Java short sent as uint32: -1 arrives as 2^32-1 and must read as -1.
  async setReplication({ ns, user }, req) {
    const n = ((req.replication ?? 0) << 16) >> 16;
    return { result: await ns.setReplication(user, normalizePath(required(req.src, 'src')), n) };
  },
  // hdfs-cli always sends both names; "" means leave that one unchanged.
  async setOwner({ ns, user }, req) {
    await ns.setOwner(user, normalizePath(required(req.src, 'src')), req.username || undefined, req.groupname || undefined);
    return {};
  },
  // Hadoop's "don't change" is −1, which arrives as 2^64−1 in these uint64 fields.
  async setTimes({ ns, user }, req) {
    const ms = (v: bigint | undefined, what: string) => v === undefined || v >= 2n ** 63n ? -1 : toNumber(v, what);
    await ns.setTimes(user, normalizePath(required(req.src, 'src')), ms(req.mtime, 'mtime'), ms(req.atime, 'atime'));
    return {};
  },
  async getXAttrs({ ns, user }, req) {
    const got = await ns.getXAttrs(user, normalizePath(required(req.src, 'src')), req.xAttrs.map(xattrFromProto));
    return { xAttrs: got.map(xattrProto) };
  },
  async listXAttrs({ ns, user }, req) {
    return { xAttrs: (await ns.listXAttrs(user, normalizePath(required(req.src, 'src')))).map(xattrProto) };
  },
  async setXAttr({ ns, user }, req) {
    await ns.setXAttr(user, normalizePath(required(req.src, 'src')), xattrFromProto(req.xAttr), req.flag ?? 3);
    return {};
  },
  async removeXAttr({ ns, user }, req) {
    await ns.removeXAttr(user, normalizePath(required(req.src, 'src')), xattrFromProto(req.xAttr));
    return {};
  },
};
