import { blockIdOf, type BlockRef } from '../blocks/index.js';
import type { DatanodeAddress, LocatedBlock } from './types.js';

/** Generation stamp of every block: blocks are ranges of a file, never recovered or re-versioned. */
export const GENERATION_STAMP = 1001n;

/** A located block for block `index` of a file of `fileLength` bytes. */
export function locatedBlock(path: string, gfid: string, index: number, blockSize: number, fileLength: number, locations: DatanodeAddress[]): LocatedBlock {
  const ref: BlockRef = { path, gfid, index, blockSize };
  const offset = index * blockSize;
  const length = Math.max(0, Math.min(blockSize, fileLength - offset));
  return { ref, blockId: blockIdOf(gfid, index), generationStamp: GENERATION_STAMP, offset, length, locations };
}

/** Indices of the blocks overlapping [offset, offset + length) of a file (none for an empty file). */
export function blockRange(fileLength: number, blockSize: number, offset: number, length: number): number[] {
  if (fileLength === 0 || offset >= fileLength) return [];
  const end = Math.min(fileLength, offset + Math.max(length, 1));
  const out: number[] = [];
  for (let i = Math.floor(offset / blockSize); i * blockSize < end; i++) out.push(i);
  return out;
}

/** The block index an HDFS block id names (its low 24 bits, see blockIdOf). */
export function indexOfBlockId(blockId: bigint): number {
  return Number(blockId & 0xffffffn);
}
