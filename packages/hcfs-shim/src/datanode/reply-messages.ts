import { defineMessage } from '../ipc/index.js';
import type { MessageInit, MessageValue } from '../ipc/index.js';
import { BlockChecksumOptionsProto, ChecksumProto } from './op-messages.js';

/** hadoop.hdfs.Status: the status of an op reply or of one pipeline node in an ack. */
export const DT_STATUS = {
  SUCCESS: 0, ERROR: 1, ERROR_CHECKSUM: 2, ERROR_INVALID: 3, ERROR_EXISTS: 4,
  ERROR_ACCESS_TOKEN: 5, CHECKSUM_OK: 6, ERROR_UNSUPPORTED: 7,
} as const;

/** A value of {@link DT_STATUS}. */
export type DtStatus = (typeof DT_STATUS)[keyof typeof DT_STATUS];

/** hadoop.hdfs.ReadOpChecksumInfoProto: how read packets are checksummed, and where they start. */
export const ReadOpChecksumInfoProto = defineMessage({
  checksum: { no: 1, type: 'message', message: ChecksumProto, required: true },
  chunkOffset: { no: 2, type: 'uint64', required: true },
}, 'ReadOpChecksumInfoProto');

/**
 * hadoop.hdfs.OpBlockChecksumResponseProto: blockChecksum is the 16-byte MD5 of the chunk CRCs
 * (MD5CRC) or one big-endian CRC per stripe (COMPOSITE_CRC). A Java client asking for
 * COMPOSITE_CRC checks that blockChecksumOptions names it, so the options are echoed as HDFS does.
 */
export const OpBlockChecksumResponseProto = defineMessage({
  bytesPerCrc: { no: 1, type: 'uint32', required: true },
  crcPerBlock: { no: 2, type: 'uint64', required: true },
  blockChecksum: { no: 3, type: 'bytes', required: true },
  crcType: { no: 4, type: 'enum' },
  blockChecksumOptions: { no: 5, type: 'message', message: BlockChecksumOptionsProto },
}, 'OpBlockChecksumResponseProto');

/**
 * hadoop.hdfs.BlockOpResponseProto: the first reply of every op. The client needs at least 5
 * bytes on the wire, so a bare SUCCESS must carry `firstBadLink: ""` as real datanodes do.
 */
export const BlockOpResponseProto = defineMessage({
  status: { no: 1, type: 'enum', required: true },
  firstBadLink: { no: 2, type: 'string' },
  checksumResponse: { no: 3, type: 'message', message: OpBlockChecksumResponseProto },
  readOpChecksumInfo: { no: 4, type: 'message', message: ReadOpChecksumInfoProto },
  message: { no: 5, type: 'string' },
}, 'BlockOpResponseProto');

/** A decoded {@link BlockOpResponseProto}. */
export type BlockOpResponse = MessageValue<typeof BlockOpResponseProto>;
/** What {@link BlockOpResponseProto} accepts for encoding. */
export type BlockOpResponseInit = MessageInit<typeof BlockOpResponseProto>;

/**
 * hadoop.hdfs.PipelineAckProto: one per write packet, in order. seqno is zigzag (sint64);
 * `reply` needs one entry per pipeline node (always one here), which also keeps the message at
 * the 5 bytes the client requires.
 */
export const PipelineAckProto = defineMessage({
  seqno: { no: 1, type: 'sint64', required: true },
  reply: { no: 2, type: 'enum', repeated: true },
  downstreamAckTimeNanos: { no: 3, type: 'uint64' },
}, 'PipelineAckProto');

/** A decoded {@link PipelineAckProto}. */
export type PipelineAck = MessageValue<typeof PipelineAckProto>;
