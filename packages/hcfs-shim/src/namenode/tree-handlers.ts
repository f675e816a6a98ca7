import { PERMISSION_MASK } from '../namespace/index.js';
import { toNumber, xattrFromProto, xattrProto } from './convert.js';
import type { Handlers } from './handler.js';

/** Methods that change names and attributes. */
export const treeHandlers: Handlers<'mkdirs' | 'delete' | 'rename' | 'rename2' | 'concat' | 'setPermission' | 'setReplication' | 'setOwner' | 'setTimes' | 'getXAttrs' | 'listXAttrs' | 'setXAttr' | 'removeXAttr'> = {
  // Go's os.ModeDir (bit 31) comes along on permissions, and setuid/setgid are not HDFS's: keep rwx and sticky.
  async mkdirs({ ns, user, paths }, req) {
    const perm = (req.masked?.perm ?? 0o755) & PERMISSION_MASK;
    return { result: await ns.mkdirs(user, paths.path(req.src, 'src', 'create'), perm, req.createParent ?? false) };
  },
  async delete({ ns, user, paths }, req) {
    const path = paths.maybePath(req.src, 'src');
    return { result: path !== undefined && await ns.delete(user, path, req.recursive ?? false) };
  },
  async rename({ ns, user, paths }, req) {
    const src = paths.maybePath(req.src, 'src');
    return { result: src !== undefined && await ns.renameLegacy(user, src, paths.path(req.dst, 'dst', 'create')) };
  },
  async rename2({ ns, user, paths }, req) {
    await ns.rename(user, paths.path(req.src, 'src'), paths.path(req.dst, 'dst', 'create'), req.overwriteDest ?? false);
    return {};
  },
  async concat({ ns, user, paths }, req) {
    await ns.concat(user, paths.path(req.trg, 'trg'), req.srcs.map((s) => paths.path(s, 'srcs')));
    return {};
  },
  async setPermission({ ns, user, paths }, req) {
    await ns.setPermission(user, paths.path(req.src, 'src'), (req.permission?.perm ?? 0) & PERMISSION_MASK);
    return {};
  },
  // The factor is a Java short sent as uint32: -1 arrives as 2^32-1 and must read as -1.
  async setReplication({ ns, user, paths }, req) {
    const n = ((req.replication ?? 0) << 16) >> 16;
    const path = paths.maybePath(req.src, 'src');
    return { result: path !== undefined && await ns.setReplication(user, path, n) };
  },
  // hdfs-cli always sends both names; "" means leave that one unchanged.
  async setOwner({ ns, user, paths }, req) {
    await ns.setOwner(user, paths.path(req.src, 'src'), req.username || undefined, req.groupname || undefined);
    return {};
  },
  // Hadoop's "don't change" is −1, which arrives as 2^64−1 in these uint64 fields.
  async setTimes({ ns, user, paths }, req) {
    const ms = (v: bigint | undefined, what: string) => v === undefined || v >= 2n ** 63n ? -1 : toNumber(v, what);
    await ns.setTimes(user, paths.path(req.src, 'src'), ms(req.mtime, 'mtime'), ms(req.atime, 'atime'));
    return {};
  },
  async getXAttrs({ ns, user, paths }, req) {
    const got = await ns.getXAttrs(user, paths.path(req.src, 'src'), req.xAttrs.map(xattrFromProto));
    return { xAttrs: got.map(xattrProto) };
  },
  async listXAttrs({ ns, user, paths }, req) {
    return { xAttrs: (await ns.listXAttrs(user, paths.path(req.src, 'src'))).map(xattrProto) };
  },
  async setXAttr({ ns, user, paths }, req) {
    await ns.setXAttr(user, paths.path(req.src, 'src'), xattrFromProto(req.xAttr), req.flag ?? 3);
    return {};
  },
  async removeXAttr({ ns, user, paths }, req) {
    await ns.removeXAttr(user, paths.path(req.src, 'src'), xattrFromProto(req.xAttr));
    return {};
  },
};
