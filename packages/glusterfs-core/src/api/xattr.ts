import { FsError } from '../errors/index.js';
import type { XattrFlags } from '../fop/index.js';
import { isInternalXattr } from '../format/index.js';
import type { ApiContext } from './context.js';
import { resolvePath } from './resolve.js';

/** How `setxattr` treats an existing value: `create` fails with EEXIST, `replace` with ENODATA if absent. */
export type SetXattrMode = 'either' | 'create' | 'replace';

const MODE_FLAGS: Record<SetXattrMode, XattrFlags> = { either: 0, create: 1, replace: 2 };

// The volume's own bookkeeping (GFIDs, layouts, AFR counters) is invisible and untouchable
// through the client API, as in GlusterFS, so a user can never corrupt placement or healing.
function refuseInternal(name: string, code: 'ENODATA' | 'EPERM'): void {
  if (isInternalXattr(name)) throw new FsError(code, `${name} is reserved for the volume`);
}

/** One extended attribute's value (symlinks followed). ENODATA, ENOENT. */
export async function getXattr(ac: ApiContext, path: string, name: string): Promise<Buffer> {
  refuseInternal(name, 'ENODATA');
  const r = await resolvePath(ac, path, true);
  const got = await ac.top.getxattr(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, name);
  const value = got[name];
  if (value === undefined) throw new FsError('ENODATA', `${name} is not set on ${r.path}`);
  return value;
}

/** Names of the user-visible extended attributes (internal `trusted.*` hidden). ENOENT. */
export async function listXattr(ac: ApiContext, path: string): Promise<string[]> {
  const r = await resolvePath(ac, path, true);
  const all = await ac.top.getxattr(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, null);
  return Object.keys(all).filter((n) => !isInternalXattr(n)).sort();
}

/** Sets one extended attribute. EPERM (internal name), EEXIST, ENODATA, ENOENT. */
export async function setXattr(
  ac: ApiContext, path: string, name: string, value: Uint8Array | string, mode: SetXattrMode,
): Promise<void> {
  refuseInternal(name, 'EPERM');
  const r = await resolvePath(ac, path, true);
  const buf = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
  await ac.top.setxattr(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, { [name]: buf }, MODE_FLAGS[mode]);
}

/** Removes one extended attribute. EPERM (internal name), ENODATA, ENOENT. */
export async function removeXattr(ac: ApiContext, path: string, name: string): Promise<void> {
  refuseInternal(name, 'EPERM');
  const r = await resolvePath(ac, path, true);
  await ac.top.removexattr(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, name);
}
