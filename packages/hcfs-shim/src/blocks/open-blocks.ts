import { blockIdOf, type BlockRef } from './block-ref.js';

/** Blocks remembered by default: far more than a server has files open at once. */
const DEFAULT_MAX = 8192;

/**
 * Blocks of files under construction, by HDFS block id. A datanode asked for a replica's
 * visible length (ClientDatanodeProtocol.getReplicaVisibleLength) gets only the block: under
 * SIMPLE authentication no block token comes with it, so no path either. The datanode
 * remembers the blocks it is sent to write, and a namenode in the same process the last blocks
 * of files under construction it hands out, so it can find the file. Bounded: the oldest entry
 * is forgotten first.
 */
export class OpenBlocks {
  readonly #refs = new Map<bigint, BlockRef>();
  readonly #max: number;

  constructor(max = DEFAULT_MAX) {
    this.#max = max;
  }

  /** Remembers (or refreshes) the block `ref` names. */
  remember(ref: BlockRef): void {
    const id = blockIdOf(ref.gfid, ref.index);
    this.#refs.delete(id);
    this.#refs.set(id, ref);
    if (this.#refs.size > this.#max) this.#refs.delete(this.#refs.keys().next().value!);
  }

  /** The block with this id, if remembered. */
  get(blockId: bigint): BlockRef | undefined {
    return this.#refs.get(blockId);
  }
}
