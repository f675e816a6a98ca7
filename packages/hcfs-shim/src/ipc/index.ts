export { decodeVarint, decodeVarintNumber, encodeVarint, MAX_UINT64, zigzagDecode, zigzagEncode } from './varint.js';
export { decode, defineMessage, encode } from './protobuf.js';
export type { FieldSpec, FieldSpecs, MessageInit, MessageSchema, MessageValue } from './protobuf.js';
export type { Int32Type, Int64Type, ScalarType } from './scalar.js';
export {
  IpcConnectionContextProto, RequestHeaderProto, RpcRequestHeaderProto, RpcResponseHeaderProto, RpcSaslProto, SaslAuthProto, UserInformationProto,
  RPC_ERROR_CODE, RPC_KIND, RPC_OPERATION, RPC_STATUS, SASL_STATE,
} from './messages.js';
export type { IpcConnectionContext, RequestHeader, RpcRequestHeader, RpcResponseHeader, RpcResponseHeaderInit, RpcSasl } from './messages.js';
export { AUTH_SASL, AUTH_SIMPLE, IPC_VERSION, parsePreamble, PREAMBLE_LENGTH } from './preamble.js';
export type { Preamble } from './preamble.js';
export { DEFAULT_MAX_PACKET_SIZE, PacketSplitter } from './packet-splitter.js';
export type { PacketSplitterOptions } from './packet-splitter.js';
export { CONNECTION_CONTEXT_CALL_ID, decodeRequestPacket, encodeResponse, PING_CALL_ID, SASL_CALL_ID, splitDelimited } from './framing.js';
export type { RequestPacket } from './framing.js';
export { isWireError, wireError } from './wire-error.js';
export type { WireError, WireErrorCode } from './wire-error.js';
export { IO_EXCEPTION, ipcError, isIpcError, noSuchMethod, noSuchProtocol, RPC_NO_SUCH_METHOD_EXCEPTION } from './ipc-error.js';
export type { IpcError, RpcErrorCode } from './ipc-error.js';
export { createIpcServer, DEFAULT_IPC_LIMITS } from './server.js';
export type { IpcCall, IpcHandler, IpcLimits, IpcServer, IpcServerOptions } from './server.js';
