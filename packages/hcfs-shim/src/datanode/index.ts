// HDFS datanode (DataTransferProtocol 28): READ_BLOCK, WRITE_BLOCK, BLOCK_CHECKSUM over a volume.
export { createDatanodeServer, DEFAULT_DATANODE_LIMITS } from './server.js';
export type { DatanodeLimits, DatanodeServer, DatanodeServerOptions } from './server.js';
export { ExtendedBlockProto, TokenProto } from './block-messages.js';
export type { ExtendedBlock, ExtendedBlockInit, Token, TokenInit } from './block-messages.js';
export {
  BaseHeaderProto, BlockChecksumOptionsProto, ChecksumProto, ClientOperationHeaderProto, OpBlockChecksumProto, OpReadBlockProto, OpWriteBlockProto,
  BLOCK_CHECKSUM_TYPE, BLOCK_STAGE, CHECKSUM_TYPE, DATA_TRANSFER_VERSION, DT_OP,
} from './op-messages.js';
export type { BaseHeader, OpBlockChecksum, OpReadBlock, OpWriteBlock } from './op-messages.js';
export {
  BlockOpResponseProto, OpBlockChecksumResponseProto, PipelineAckProto, ReadOpChecksumInfoProto, DT_STATUS,
} from './reply-messages.js';
export type { BlockOpResponse, BlockOpResponseInit, DtStatus, PipelineAck } from './reply-messages.js';
export { encodePacketHead, PACKET_PREFIX_LENGTH, PacketHeaderProto } from './packet.js';
export type { PacketHeader, PacketPlacement } from './packet.js';
export { DEFAULT_MAX_DATA_PACKET_SIZE, PacketParser } from './packet-parser.js';
export type { Packet, PacketParserOptions } from './packet-parser.js';
export { BYTES_PER_CHECKSUM, chunkCount, crcOf, findBadChunk, putChunkCrcs } from './checksums.js';
export type { CrcFn } from './checksums.js';
export { digestBlock } from './block-checksum.js';
export { datanodeIpcHandler, type DatanodeIpcOptions } from './ipc-handler.js';
export { CLIENT_DATANODE_PROTOCOL, DATANODE_METHODS, type DatanodeMethod } from './ipc-messages.js';
export type { BlockDigest } from './block-checksum.js';
export { compositeCrcs } from './composite-crc.js';
