/**
 * A "block" of a file: the byte range [index·blockSize, (index+1)·blockSize) of one plain file
 * on the volume. There is no block store: the namenode names ranges, the datanode reads and
 * writes them through the volume (or the local brick file). This is what the datanode needs to
 * find the bytes; it travels inside the signed block token the client echoes on every datanode
 * op (see block-token-identifier.ts).
 */
export interface BlockRef {
  /** Volume path of the file when the block was handed out. */
  path: string;
  /** The file's GFID (36-char text form), so a datanode can tell a replaced file from the same one. */
  gfid: string;
  /** Block number within the file (0-based). */
  index: number;
  /** The file's block size in bytes (fixed at create). */
  blockSize: number;
}

/** The block-pool id every ExtendedBlockProto carries (one pool per volume). */
export const POOL_ID = 'BP-hcfs';

/**
 * True for a path as the namenode hands them out: absolute, normalised (no `.`/`..`/empty
 * components, no trailing `/`), no NUL.
 */
export function isNormalizedPath(p: string): boolean {
  return p.startsWith('/') && !/(^|\/)\.{1,2}(\/|$)|\/\/|\0/.test(p) && (p === '/' || !p.endsWith('/'));
}

/**
 * The HDFS block id of block `index` of the file with `gfid`: 39 bits of the GFID then 24 bits
 * of index, so ids are stable across namenodes and restarts, differ between files, and stay
 * below 2^63 (Java clients hold them in a signed long).
 */
export function blockIdOf(gfid: string, index: number): bigint {
  const bits = BigInt('0x' + gfid.replace(/-/g, '').slice(-10)) & ((1n << 39n) - 1n);
  return (bits << 24n) | BigInt(index & 0xffffff);
}

/** File offset of the first byte of block `ref`. */
export function blockStart(ref: BlockRef): number {
  return ref.index * ref.blockSize;
}
