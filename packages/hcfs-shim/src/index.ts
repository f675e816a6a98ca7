// Hadoop IPC ("hrpc") layer: protobuf codec, envelope messages, framing.
export { decodeVarint, decodeVarintNumber, encodeVarint, MAX_UINT64, zigzagDecode, zigzagEncode } from './ipc/varint.js';
export { decode, defineMessage, encode } from './ipc/protobuf.js';
export type { FieldSpec, FieldSpecs, MessageInit, MessageSchema, MessageValue } from './ipc/protobuf.js';
export type { Int32Type, Int64Type, ScalarType } from './ipc/scalar.js';
export {
  IpcConnectionContextProto, RequestHeaderProto, RpcRequestHeaderProto, RpcResponseHeaderProto, UserInformationProto,
  RPC_ERROR_CODE, RPC_KIND, RPC_OPERATION, RPC_STATUS,
} from './ipc/messages.js';
export type { IpcConnectionContext, RequestHeader, RpcRequestHeader, RpcResponseHeader, RpcResponseHeaderInit } from './ipc/messages.js';
export { AUTH_SIMPLE, IPC_VERSION, parsePreamble, PREAMBLE_LENGTH } from './ipc/preamble.js';
export type { Preamble } from './ipc/preamble.js';
export { DEFAULT_MAX_PACKET_SIZE, PacketSplitter } from './ipc/packet-splitter.js';
export type { PacketSplitterOptions } from './ipc/packet-splitter.js';
export { CONNECTION_CONTEXT_CALL_ID, decodeRequestPacket, encodeResponse, splitDelimited } from './ipc/framing.js';
export type { RequestPacket } from './ipc/framing.js';
export { isWireError, wireError } from './ipc/wire-error.js';
export type { WireError, WireErrorCode } from './ipc/wire-error.js';
