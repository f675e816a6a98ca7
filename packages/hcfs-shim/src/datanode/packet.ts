import { defineMessage, encode } from '../ipc/index.js';
import type { MessageValue } from '../ipc/index.js';
import { chunkCount, putChunkCrcs } from './checksums.js';
import type { CrcFn } from './checksums.js';

/**
 * hadoop.hdfs.PacketHeaderProto: fixed-width little-endian fields, so with fields 1–4 it is
 * always 25 bytes. A heartbeat has seqno −1 and dataLen 0.
 */
export const PacketHeaderProto = defineMessage({
  offsetInBlock: { no: 1, type: 'sfixed64', required: true },
  seqno: { no: 2, type: 'sfixed64', required: true },
  lastPacketInBlock: { no: 3, type: 'bool', required: true },
  dataLen: { no: 4, type: 'sfixed32', required: true },
  syncBlock: { no: 5, type: 'bool' },
}, 'PacketHeaderProto');

/** A decoded {@link PacketHeaderProto}. */
export type PacketHeader = MessageValue<typeof PacketHeaderProto>;

/** Bytes before the header: uint32 payloadLen and uint16 headerLen, both big-endian. */
export const PACKET_PREFIX_LENGTH = 6;

/** Where a packet's data sits in its block and which packet it is. */
export interface PacketPlacement {
  readonly offsetInBlock: number;
  readonly seqno: number;
  readonly last: boolean;
}

/**
 * Everything of a packet that precedes its data: payloadLen (= 4 + checksum bytes + data
 * bytes), headerLen, the PacketHeaderProto and one big-endian CRC per chunk of `data`. Send
 * `data` itself right after it; keeping it separate avoids copying the data.
 */
export function encodePacketHead(p: PacketPlacement, data: Uint8Array, bytesPerChecksum: number, crc: CrcFn): Buffer {
  const header = encode(PacketHeaderProto, {
    offsetInBlock: p.offsetInBlock, seqno: p.seqno, lastPacketInBlock: p.last, dataLen: data.length,
  });
  const sumsLen = chunkCount(data.length, bytesPerChecksum) * 4;
  const head = Buffer.allocUnsafe(PACKET_PREFIX_LENGTH + header.length + sumsLen);
  head.writeUInt32BE(4 + sumsLen + data.length, 0);
  head.writeUInt16BE(header.length, 4);
  header.copy(head, PACKET_PREFIX_LENGTH);
  putChunkCrcs(data, bytesPerChecksum, crc, head, PACKET_PREFIX_LENGTH + header.length);
  return head;
}
