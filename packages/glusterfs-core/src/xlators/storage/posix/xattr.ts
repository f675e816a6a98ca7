import {
  getAttributeSync, listAttributesSync, removeAttributeSync, setAttributeSync,
} from '@napi-rs/xattr';
import { FsError, errnoFromNumber } from '../../../errors/index.js';

// @napi-rs/xattr works on the link itself (l*xattr) and reports failures as
// "GenericFailure: ... (os error N)"; these wrappers turn that into the errno name.

/** lgetxattr: the value, or null when absent (also when the path is missing). */
export function getXattr(path: string, name: string): Buffer | null {
  try {
    return getAttributeSync(path, name);
  } catch (e) {
    throw xattrError(e);
  }
}

/** lsetxattr (create or replace). ENOENT, ENOSPC, ERANGE. */
export function setXattr(path: string, name: string, value: Uint8Array | string): void {
  try {
    setAttributeSync(path, name, value);
  } catch (e) {
    throw xattrError(e);
  }
}

/** lremovexattr. ENODATA when absent. */
export function removeXattr(path: string, name: string): void {
  try {
    removeAttributeSync(path, name);
  } catch (e) {
    throw xattrError(e);
  }
}

/** llistxattr. ENOENT. */
export function listXattrs(path: string): string[] {
  try {
    return listAttributesSync(path);
  } catch (e) {
    throw xattrError(e);
  }
}

function xattrError(e: unknown): FsError {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /\(os error (\d+)\)/.exec(msg);
  return new FsError(m ? errnoFromNumber(Number(m[1])) : 'EIO', msg.replace(/\s*\(os error \d+\)/, ''));
}
