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
  const nonEmpty = (await allBlocks(ns, user, path)).filter((b) => b.length > 0);
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

/** Every block of the file, in order, asking again from where a capped answer stopped. */
async function allBlocks(ns: Namespace, user: HdfsUser, path: string): Promise<{ offset: number; length: number }[]> {
  const out: { offset: number; length: number }[] = [];
  for (let offset = 0; ;) {
    const lbs = await ns.blockLocations(user, path, offset, Number.MAX_SAFE_INTEGER);
    out.push(...lbs.blocks);
    const last = lbs.blocks.at(-1);
    const next = last ? last.offset + Math.max(last.length, 1) : lbs.fileLength;
    if (next >= lbs.fileLength) {
      // The last block of a file under construction may not be in the range yet.
      if (lbs.lastBlock && !out.some((b) => b.offset === lbs.lastBlock!.offset)) out.push(lbs.lastBlock);
      return out;
    }
    offset = next;
  }
}
