import type { Volume } from 'glusterfs-core';
import type { HdfsUser, Namespace } from '../namespace/types.js';
import { createBlockDigest, fileChecksumOf, type FileChecksumJson } from './checksum.js';
import { readRange } from './range-reader.js';

/**
 * Computes a file's MD5-of-MD5-of-CRC32C checksum as an HDFS cluster would, reading every block's
 * bytes through the volume. Permission checks and the block split come from the namespace
 * (`blockLocations`): ENOENT, EACCES, EISDIR.
 */
export async function computeFileChecksum(ns: Namespace, volume: Volume, user: HdfsUser, path: string): Promise<FileChecksumJson> {
  const lbs = await ns.blockLocations(user, path, 0, Number.MAX_SAFE_INTEGER);
  const blocks = lbs.lastBlock && !lbs.blocks.some((b) => b.offset === lbs.lastBlock!.offset)
    ? [...lbs.blocks, lbs.lastBlock]
    : lbs.blocks;
  const nonEmpty = blocks.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return fileChecksumOf([]);
  const fh = await volume.open(path, 'r');
  try {
    const digests = [];
    for (const b of nonEmpty) {
      const d = createBlockDigest();
      for await (const chunk of readRange(fh, b.offset, b.length)) d.update(chunk);
      digests.push(d.digest());
    }
    return fileChecksumOf(digests);
  } finally {
    await fh.close();
  }
}
