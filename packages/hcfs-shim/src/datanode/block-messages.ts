import { defineMessage } from '../ipc/index.js';
import type { MessageInit, MessageValue } from '../ipc/index.js';

/**
 * hadoop.hdfs.ExtendedBlockProto (hdfs.proto): names a block. The namenode hands it out in
 * LocatedBlockProto and the client echoes it in every datanode op. numBytes is optional on the
 * wire but the client always sends it; the first three fields are required.
 */
export const ExtendedBlockProto = defineMessage({
  poolId: { no: 1, type: 'string', required: true },
  blockId: { no: 2, type: 'uint64', required: true },
  generationStamp: { no: 3, type: 'uint64', required: true },
  numBytes: { no: 4, type: 'uint64' },
}, 'ExtendedBlockProto');

/** A decoded {@link ExtendedBlockProto}. */
export type ExtendedBlock = MessageValue<typeof ExtendedBlockProto>;
/** What {@link ExtendedBlockProto} accepts for encoding. */
export type ExtendedBlockInit = MessageInit<typeof ExtendedBlockProto>;

/**
 * hadoop.common.TokenProto (Security.proto). All four fields are required, so write them even
 * when empty. This shim's block tokens carry a BlockRef in `identifier` (see blocks/block-ref.ts).
 */
export const TokenProto = defineMessage({
  identifier: { no: 1, type: 'bytes', required: true },
  password: { no: 2, type: 'bytes', required: true },
  kind: { no: 3, type: 'string', required: true },
  service: { no: 4, type: 'string', required: true },
}, 'TokenProto');

/** A decoded {@link TokenProto}. */
export type Token = MessageValue<typeof TokenProto>;
/** What {@link TokenProto} accepts for encoding. */
export type TokenInit = MessageInit<typeof TokenProto>;
