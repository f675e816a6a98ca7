import { FsError } from 'glusterfs-core';

/**
 * A "block" of a file: the byte range [index·blockSize, (index+1)·blockSize) of one plain file
 * on the volume. There is no block store: the namenode names ranges, the datanode reads and
 * writes them through the volume (or the local brick file). This is what the datanode needs to
 * find the bytes, and it travels inside the block token the client echoes on every datanode op.
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

/** `TokenProto.kind` of the tokens this shim issues. */
export const BLOCK_TOKEN_KIND = 'HCFS_BLOCK_REF';

/** The block-pool id every ExtendedBlockProto carries (one pool per volume). */
export const POOL_ID = 'BP-hcfs';

/** The fields of a TokenProto carrying `ref` (identifier = JSON of the ref; password unused). */
export function blockToken(ref: BlockRef): { identifier: Buffer; password: Buffer; kind: string; service: string } {
  const id = Buffer.from(JSON.stringify({ p: ref.path, g: ref.gfid, i: ref.index, b: ref.blockSize }));
  return { identifier: id, password: Buffer.alloc(0), kind: BLOCK_TOKEN_KIND, service: '' };
}

/** The {@link BlockRef} inside a token's identifier. EINVAL when it is not one of ours. */
export function parseBlockToken(identifier: Uint8Array): BlockRef {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(identifier).toString('utf8'));
  } catch {
    throw new FsError('EINVAL', 'block token is not one this shim issued');
  }
  const o = v as { p?: unknown; g?: unknown; i?: unknown; b?: unknown };
  // Only normalised absolute paths (no `.`/`..`/empty components, no NUL), as the namenode issues them.
  if (typeof o.p !== 'string' || !o.p.startsWith('/') || /(^|\/)\.{1,2}(\/|$)|\/\/|\0/.test(o.p) || typeof o.g !== 'string'
    || !Number.isSafeInteger(o.i) || (o.i as number) < 0 || !Number.isSafeInteger(o.b) || (o.b as number) <= 0) {
    throw new FsError('EINVAL', 'block token is not one this shim issued');
  }
  return { path: o.p, gfid: o.g, index: o.i as number, blockSize: o.b as number };
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
