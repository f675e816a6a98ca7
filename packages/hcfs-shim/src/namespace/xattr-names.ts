import { FsError } from 'glusterfs-core';
import type { XAttr, XAttrNamespace } from './types.js';

/** The one `security.` xattr HDFS lets clients set (HDFS-6705): the file is closed to the superuser. */
export const UNREADABLE_BY_SUPERUSER = 'security.hdfs.unreadable.by.superuser';

/** The shim's own bookkeeping xattrs on the volume: never shown to or changed by HDFS clients. */
export const RESERVED_PREFIX = 'trusted.hcfs.';

/**
 * Where {@link UNREADABLE_BY_SUPERUSER} is kept on the volume: under the shim's own prefix, so
 * nothing HDFS clients set ever lands in a brick file's real `security.` namespace (read by
 * the kernel and its security modules).
 */
const UNREADABLE_VOLUME_NAME = `${RESERVED_PREFIX}unreadable-by-superuser`;

/** `namespace.name`, as HDFS's XAttrHelper.getPrefixedName writes it. */
export function prefixedName(x: XAttr): string {
  return `${x.namespace}.${x.name}`;
}

/**
 * HDFS's XAttrPermissionFilter.checkPermissionForApi: `user.` for anyone (the file's own
 * permission is checked later), `trusted.` for the superuser, `security.` only
 * {@link UNREADABLE_BY_SUPERUSER} and never with a value, `raw.` only under /.reserved/raw
 * (not served here), `system.` never. `hasValue` is whether a set carries a value. EACCES
 * (AccessControlException) with HDFS's messages.
 */
export function checkXAttrApi(x: XAttr, superuser: boolean, hasValue: boolean): void {
  if (x.namespace === 'user' || (x.namespace === 'trusted' && superuser)) return;
  const name = prefixedName(x);
  if (name === UNREADABLE_BY_SUPERUSER) {
    if (hasValue) {
      throw new FsError('EACCES', `Attempt to set a value for '${UNREADABLE_BY_SUPERUSER}'. Values are not allowed for this xattr.`);
    }
    return;
  }
  throw new FsError('EACCES', `User doesn't have permission for xattr: ${name}`);
}

/**
 * The volume xattr that holds an HDFS xattr the API check let through: `user.` and `trusted.`
 * under their own names, the unreadable-by-superuser marker under the shim's prefix. The shim's
 * own names stay out of reach (EACCES).
 */
export function volumeXattrName(x: XAttr): string {
  const name = prefixedName(x);
  if (name === UNREADABLE_BY_SUPERUSER) return UNREADABLE_VOLUME_NAME;
  if (name.startsWith(RESERVED_PREFIX)) throw new FsError('EACCES', `User doesn't have permission for xattr: ${name}`);
  return name;
}

/**
 * The HDFS xattr a volume xattr shows as to `superuser` or not (HDFS's filterXAttrsForApi),
 * or undefined for ones HDFS clients do not see: the shim's bookkeeping, `trusted.` for
 * non-superusers, anything outside `user.` and `trusted.`.
 */
export function hdfsXAttrOf(volumeName: string, superuser: boolean): XAttr | undefined {
  if (volumeName === UNREADABLE_VOLUME_NAME) return { namespace: 'security', name: UNREADABLE_BY_SUPERUSER.slice('security.'.length) };
  if (volumeName.startsWith(RESERVED_PREFIX)) return undefined;
  const dot = volumeName.indexOf('.');
  if (dot <= 0) return undefined;
  const ns = volumeName.slice(0, dot) as XAttrNamespace;
  if (ns !== 'user' && !(ns === 'trusted' && superuser)) return undefined;
  return { namespace: ns, name: volumeName.slice(dot + 1) };
}

/** True for the xattrs that count towards HDFS's per-inode limit (XAttrStorage's user-visible ones). */
export function countsTowardsLimit(x: XAttr): boolean {
  return x.namespace === 'user' || x.namespace === 'trusted';
}
