import { getAttributeSync } from '@napi-rs/xattr';
import { XATTR } from 'glusterfs-core';

/** Where a brick can hold DHT link files, from the marks storage/posix keeps. */
export interface LinkFileMarks {
  /** True when directory `real` holds no link file, so its regular files need no stat to tell. */
  noneIn(real: string): boolean;
}

/**
 * Reads the brick's link-file marks: on a brick that keeps them (root marked
 * `trusted.glusterfs.dht.linkfiles-tracked`), a directory without
 * `trusted.glusterfs.dht.linkfiles` has no link file. One xattr read per directory replaces an
 * lstat per file, which is most of a `-type f` walk. Older bricks: every directory may have some.
 */
export function linkFileMarks(root: string): LinkFileMarks {
  const tracked = getAttributeSync(root, XATTR.DHT_LINKFILES_TRACKED) !== null;
  return { noneIn: (real) => tracked && getAttributeSync(real, XATTR.DHT_LINKFILES) === null };
}
