import { defineMessage } from '../ipc/index.js';
import type { MessageValue } from '../ipc/index.js';
import { ExtendedBlockProto, TokenProto } from './block-messages.js';

/** The DataTransferProtocol version every op request starts with (uint16 big-endian). */
export const DATA_TRANSFER_VERSION = 28;

/** Op codes (the byte after the version) this datanode serves. */
export const DT_OP = { WRITE_BLOCK: 80, READ_BLOCK: 81, BLOCK_CHECKSUM: 85 } as const;

/** hadoop.hdfs.ChecksumTypeProto. */
export const CHECKSUM_TYPE = { NULL: 0, CRC32: 1, CRC32C: 2 } as const;

/** OpWriteBlockProto.BlockConstructionStage values the Go client sends. */
export const BLOCK_STAGE = { PIPELINE_SETUP_APPEND: 0, PIPELINE_SETUP_CREATE: 6 } as const;

/** hadoop.hdfs.BaseHeaderProto; traceInfo (3) is not modelled. */
export const BaseHeaderProto = defineMessage({
  block: { no: 1, type: 'message', message: ExtendedBlockProto, required: true },
  token: { no: 2, type: 'message', message: TokenProto },
}, 'BaseHeaderProto');

/** A decoded {@link BaseHeaderProto}. */
export type BaseHeader = MessageValue<typeof BaseHeaderProto>;

/** hadoop.hdfs.ClientOperationHeaderProto. */
export const ClientOperationHeaderProto = defineMessage({
  baseHeader: { no: 1, type: 'message', message: BaseHeaderProto, required: true },
  clientName: { no: 2, type: 'string', required: true },
}, 'ClientOperationHeaderProto');

/** hadoop.hdfs.ChecksumProto: the checksum algorithm and its chunk size. */
export const ChecksumProto = defineMessage({
  type: { no: 1, type: 'enum', required: true },
  bytesPerChecksum: { no: 2, type: 'uint32', required: true },
}, 'ChecksumProto');

/** hadoop.hdfs.OpReadBlockProto; offset is within the block and not chunk-aligned. */
export const OpReadBlockProto = defineMessage({
  header: { no: 1, type: 'message', message: ClientOperationHeaderProto, required: true },
  offset: { no: 2, type: 'uint64', required: true },
  len: { no: 3, type: 'uint64', required: true },
  sendChecksums: { no: 4, type: 'bool' },
}, 'OpReadBlockProto');

/** A decoded {@link OpReadBlockProto}. */
export type OpReadBlock = MessageValue<typeof OpReadBlockProto>;

/**
 * hadoop.hdfs.OpWriteBlockProto. `targets` (2), `source` (3) and the storage fields (10+) are
 * not modelled: this datanode never forwards to a pipeline, so they are skipped when present.
 */
export const OpWriteBlockProto = defineMessage({
  header: { no: 1, type: 'message', message: ClientOperationHeaderProto, required: true },
  stage: { no: 4, type: 'enum', required: true },
  pipelineSize: { no: 5, type: 'uint32', required: true },
  minBytesRcvd: { no: 6, type: 'uint64', required: true },
  maxBytesRcvd: { no: 7, type: 'uint64', required: true },
  latestGenerationStamp: { no: 8, type: 'uint64', required: true },
  requestedChecksum: { no: 9, type: 'message', message: ChecksumProto, required: true },
}, 'OpWriteBlockProto');

/** A decoded {@link OpWriteBlockProto}. */
export type OpWriteBlock = MessageValue<typeof OpWriteBlockProto>;

/** hadoop.hdfs.BlockChecksumTypeProto: how a block's chunk CRCs are condensed (dfs.checksum.combine.mode). */
export const BLOCK_CHECKSUM_TYPE = { MD5CRC: 1, COMPOSITE_CRC: 2 } as const;

/**
 * hadoop.hdfs.BlockChecksumOptionsProto. An absent type means MD5CRC (clients before Hadoop 3.1
 * send no options); stripeLength 0 means one CRC for the whole requested range.
 */
export const BlockChecksumOptionsProto = defineMessage({
  blockChecksumType: { no: 1, type: 'enum' },
  stripeLength: { no: 2, type: 'uint64' },
}, 'BlockChecksumOptionsProto');

/** hadoop.hdfs.OpBlockChecksumProto. The block's numBytes is the length to checksum. */
export const OpBlockChecksumProto = defineMessage({
  header: { no: 1, type: 'message', message: BaseHeaderProto, required: true },
  blockChecksumOptions: { no: 2, type: 'message', message: BlockChecksumOptionsProto },
}, 'OpBlockChecksumProto');

/** A decoded {@link OpBlockChecksumProto}. */
export type OpBlockChecksum = MessageValue<typeof OpBlockChecksumProto>;
