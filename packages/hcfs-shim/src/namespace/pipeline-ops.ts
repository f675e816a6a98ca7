import { FsError } from 'glusterfs-core';
import { blockIdOf } from '../blocks/index.js';
import { indexOfBlockId, locatedBlock, WRITE_ONLY } from './blocks.js';
import type { NsContext } from './context.js';
import type { Inode } from './inodes.js';
import type { HdfsUser, LocatedBlock } from './types.js';
import { writeTargets } from './write-ops.js';

/**
 * The file `clientName` is writing that holds block `blockId`, among the files it leased
 * through this namenode; undefined when none does (not leased here: e.g. leased before this
 * shim restarted). EPERM when the file's lease has passed to another client.
 */
async function fileOfBlock(c: NsContext, clientName: string, blockId: bigint): Promise<Inode | undefined> {
  const index = indexOfBlockId(blockId);
  for (const path of c.leases.filesOf(clientName)) {
    const inode = await c.inodes.get(path);
    if (!inode || blockIdOf(inode.stats.gfid, index) !== blockId) continue;
    const mark = await c.leases.markOf(path);
    if (mark?.holder !== clientName) {
      throw new FsError('EPERM', `Lease mismatch: blk_${blockId} of ${path} is accessed by a non lease holder ${clientName}`);
    }
    return inode;
  }
  return undefined;
}

/**
 * updateBlockForPipeline: the block a lease holder is about to (re)build a pipeline for, with a
 * WRITE token for it, as HDFS hands out before every pipeline setup but the first (Java's
 * append writes to the file's last block with it). Its generation stamp stays: blocks are
 * ranges of a file, never versioned. Undefined when the block is not of a file `clientName`
 * leased here: the caller answers as before this was served (Debian's Go client calls it after
 * every block and ignores the answer, and may do so across a shim restart).
 */
export async function updateBlockForPipeline(c: NsContext, user: HdfsUser, clientName: string, blockId: bigint): Promise<LocatedBlock | undefined> {
  const inode = await fileOfBlock(c, clientName, blockId);
  if (!inode) return undefined;
  const file = { path: inode.path, gfid: inode.stats.gfid, blockSize: await c.inodes.blockSizeOf(inode), length: inode.stats.size };
  return locatedBlock(c.tokens, { user, modes: WRITE_ONLY, holder: clientName }, file, indexOfBlockId(blockId), await writeTargets(c, inode));
}

/**
 * updatePipeline: HDFS records the block's new generation stamp and pipeline; here both are
 * fixed (the volume replicates), so it only checks that `clientName` still holds the file's
 * lease (EPERM otherwise).
 */
export async function updatePipeline(c: NsContext, clientName: string, blockId: bigint): Promise<void> {
  await fileOfBlock(c, clientName, blockId);
}
