import { dirname } from 'node:path';
import type { Stats } from 'node:fs';
import { XATTR } from '../../../format/index.js';
import { getXattr, setXattr } from './xattr.js';

const ONE = Buffer.from('1');

/**
 * Marks the directory holding the entry at `real` as one that may hold DHT link files
 * (`trusted.glusterfs.dht.linkfiles`), so brick-local crawls stat files only where link files
 * can be. Link files are made once per rename across sets, so the extra get (and the first
 * set) costs little.
 */
export function markLinkfileDir(real: string): void {
  const dir = dirname(real);
  if (getXattr(dir, XATTR.DHT_LINKFILES) === null) setXattr(dir, XATTR.DHT_LINKFILES, ONE);
}

/** Shaped like a DHT link file: an empty regular file whose permission bits are exactly the sticky bit. */
export function looksLikeLinkfile(st: Stats): boolean {
  return st.isFile() && st.size === 0 && (st.mode & 0o7777) === 0o1000;
}
