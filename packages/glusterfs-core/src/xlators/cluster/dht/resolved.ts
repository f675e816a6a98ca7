import type { Iatt, Xattrs } from '../../../fop/index.js';
import type { DirInfo } from './state.js';

/** A directory found by DHT: merged attributes and its layout. */
export interface DirResolved {
  kind: 'dir';
  iatt: Iatt;
  xattrs: Xattrs;
  info: DirInfo;
}

/**
 * A non-directory found by DHT. `cached` holds the data; `hashed` is where the name hashes in
 * its parent (undefined in a layout hole); `linkOn` is the child with a link file for it, if any.
 */
export interface FileResolved {
  kind: 'file';
  iatt: Iatt;
  xattrs: Xattrs;
  cached: number;
  hashed: number | undefined;
  linkOn: number | undefined;
}

/** What a path resolves to through DHT. */
export type Resolved = DirResolved | FileResolved;

/** Only the xattrs the caller asked for (DHT's own ones are added to child lookups). */
export function pick(xattrs: Xattrs, names: string[]): Xattrs {
  const out: Xattrs = {};
  for (const n of names) if (xattrs[n] !== undefined) out[n] = xattrs[n];
  return out;
}
