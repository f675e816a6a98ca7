import { blockIdOf, POOL_ID, type AccessMode, type BlockRef, type BlockTokenSecretManager } from '../blocks/index.js';
import type { DatanodeAddress, HdfsUser, LocatedBlock } from './types.js';

/** Generation stamp of every block: blocks are ranges of a file, never recovered or re-versioned. */
export const GENERATION_STAMP = 1001n;

/** A file as its blocks are cut: where it is, its identity, block size and current length. */
export interface BlockedFile {
  path: string;
  gfid: string;
  blockSize: number;
  length: number;
}

/** Who gets a block's token and what it lets them do (WRITE tokens name the lease holder). */
export interface TokenGrant {
  user: HdfsUser;
  modes: readonly AccessMode[];
  holder?: string;
}

/** READ-only access, what every read call hands out. */
export const READ_ONLY: readonly AccessMode[] = ['READ'];
/** WRITE access, only for the lease holder's create/append/addBlock. */
export const WRITE_ONLY: readonly AccessMode[] = ['WRITE'];

/** The located block `index` of `file`, with a token signed for `grant`. */
export function locatedBlock(tokens: BlockTokenSecretManager, grant: TokenGrant, file: BlockedFile, index: number, locations: DatanodeAddress[]): LocatedBlock {
  const ref: BlockRef = { path: file.path, gfid: file.gfid, index, blockSize: file.blockSize };
  const offset = index * file.blockSize;
  const length = Math.max(0, Math.min(file.blockSize, file.length - offset));
  const token = tokens.generateToken({ userId: grant.user.name, blockPoolId: POOL_ID, ref, modes: grant.modes, holder: grant.holder });
  return { ref, blockId: blockIdOf(file.gfid, index), generationStamp: GENERATION_STAMP, offset, length, locations, token };
}

/**
 * Indices of the blocks overlapping [offset, offset + length) of a file (none for an empty
 * file), at most `max` of them: one call never builds more than that, whatever the block size.
 */
export function blockRange(fileLength: number, blockSize: number, offset: number, length: number, max = Number.MAX_SAFE_INTEGER): number[] {
  if (fileLength === 0 || offset >= fileLength) return [];
  const end = Math.min(fileLength, offset + Math.max(length, 1));
  const out: number[] = [];
  for (let i = Math.floor(offset / blockSize); i * blockSize < end && out.length < max; i++) out.push(i);
  return out;
}

/** The block index an HDFS block id names (its low 24 bits, see blockIdOf). */
export function indexOfBlockId(blockId: bigint): number {
  return Number(blockId & 0xffffffn);
}
