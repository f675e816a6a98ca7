// Hadoop IPC ("hrpc"): varints, proto2 codec, envelope messages, preamble, packet framing, server.
export {
  decodeVarint, decodeVarintNumber, encodeVarint, MAX_UINT64, zigzagDecode, zigzagEncode,
  decode, defineMessage, encode,
  IpcConnectionContextProto, RequestHeaderProto, RpcRequestHeaderProto, RpcResponseHeaderProto, UserInformationProto,
  RPC_ERROR_CODE, RPC_KIND, RPC_OPERATION, RPC_STATUS,
  AUTH_SIMPLE, IPC_VERSION, parsePreamble, PREAMBLE_LENGTH,
  DEFAULT_MAX_PACKET_SIZE, PacketSplitter,
  CONNECTION_CONTEXT_CALL_ID, decodeRequestPacket, encodeResponse, splitDelimited,
  isWireError, wireError,
  IO_EXCEPTION, ipcError, isIpcError, noSuchMethod, RPC_NO_SUCH_METHOD_EXCEPTION,
  createIpcServer,
} from './ipc/index.js';
export type {
  FieldSpec, FieldSpecs, MessageInit, MessageSchema, MessageValue, Int32Type, Int64Type, ScalarType,
  IpcConnectionContext, RequestHeader, RpcRequestHeader, RpcResponseHeader, RpcResponseHeaderInit,
  Preamble, PacketSplitterOptions, RequestPacket, WireError, WireErrorCode,
  IpcError, RpcErrorCode, IpcCall, IpcHandler, IpcServer, IpcServerOptions,
} from './ipc/index.js';
