import { FsError } from '../errors/index.js';
import { createCtx, type Loc, type Subvol } from '../fop/index.js';

/** Extra per-call context for {@link getVxattrJson}. */
export interface VxattrCall {
  xdata?: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * Asks `top` for the virtual xattr `name` at `loc` (as root) and parses its JSON value. The
 * translator's errno passes through; a reply without that xattr is ENODATA, one that is not
 * JSON is EPROTO.
 */
export async function getVxattrJson<T>(top: Subvol, loc: Loc, name: string, call: VxattrCall = {}): Promise<T> {
  const ctx = createCtx({ signal: call.signal, xdata: { ...call.xdata } });
  const reply = await top.getxattr(ctx, loc, name);
  const raw = reply[name];
  if (raw === undefined) throw new FsError('ENODATA', `${top.name} did not answer ${name}`);
  try {
    return JSON.parse(raw.toString('utf8')) as T;
  } catch {
    throw new FsError('EPROTO', `${top.name} answered ${name} with something that is not JSON`);
  }
}

/** A fresh location of the volume root, where GFID-addressed vxattrs are asked. */
export function rootLoc(): Loc {
  return { path: '/' };
}
