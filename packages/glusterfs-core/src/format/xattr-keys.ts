/**
 * The xattr names of the on-disk format, as GlusterFS 10 writes them (see gluster-facts.md).
 * These are the logical names used across the fop seam; storage/posix may map the `trusted.`
 * prefix to another one when it cannot run as root.
 */
export const XATTR = {
  /** 16-byte GFID on every file and directory. */
  GFID: 'trusted.gfid',
  /** 16-byte volume id on a brick root. */
  VOLUME_ID: 'trusted.glusterfs.volume-id',
  /** 16-byte DHT layout on each directory: BE u32 commit hash, type, start, stop. */
  DHT_LAYOUT: 'trusted.glusterfs.dht',
  /** NUL-terminated name of the subvolume that holds a link file's data. */
  DHT_LINKTO: 'trusted.glusterfs.dht.linkto',
  /**
   * On a brick directory (`1`): it may hold DHT link files. storage/posix sets it when a link
   * file is made in, or renamed into, the directory; it is never cleared.
   */
  DHT_LINKFILES: 'trusted.glusterfs.dht.linkfiles',
  /**
   * On a brick root (`1`): the brick was created with {@link XATTR.DHT_LINKFILES} kept, so a
   * directory without it holds no link files and brick-local crawls need not stat its files
   * to find them. Bricks from before it lack it.
   */
  DHT_LINKFILES_TRACKED: 'trusted.glusterfs.dht.linkfiles-tracked',
  /** Prefix of AFR pending counters: `trusted.afr.<vol>-client-N`. */
  AFR_PREFIX: 'trusted.afr.',
  /** AFR's own dirty counter. */
  AFR_DIRTY: 'trusted.afr.dirty',
  /** Prefix of reverse-path xattrs: `trusted.gfid2path.<xxhash64 hex>`. */
  GFID2PATH_PREFIX: 'trusted.gfid2path.',
} as const;

/** True for names private to the volume's machinery, hidden from users' listxattr. */
export function isInternalXattr(name: string): boolean {
  return name.startsWith('trusted.gfid') || name.startsWith('trusted.glusterfs.') || name.startsWith('trusted.afr.');
}
