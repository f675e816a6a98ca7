import { defineMessage } from './protobuf.js';
import type { MessageInit, MessageValue } from './protobuf.js';

/** RpcKindProto (RpcHeader.proto): the client always sends RPC_PROTOCOL_BUFFER. */
export const RPC_KIND = { RPC_BUILTIN: 0, RPC_WRITABLE: 1, RPC_PROTOCOL_BUFFER: 2 } as const;

/** RpcRequestHeaderProto.OperationProto: hdfs-cli only sends RPC_FINAL_PACKET. */
export const RPC_OPERATION = { RPC_FINAL_PACKET: 0, RPC_CONTINUATION_PACKET: 1, RPC_CLOSE_CONNECTION: 2 } as const;

/** RpcResponseHeaderProto.RpcStatusProto: anything but SUCCESS fails the call on the client. */
export const RPC_STATUS = { SUCCESS: 0, ERROR: 1, FATAL: 2 } as const;

/**
 * RpcResponseHeaderProto.RpcErrorCodeProto. The client prints the name in
 * "<method> call failed with <NAME> (<exceptionClassName>)", so send one with every error.
 */
export const RPC_ERROR_CODE = {
  ERROR_APPLICATION: 1, ERROR_NO_SUCH_METHOD: 2, ERROR_NO_SUCH_PROTOCOL: 3, ERROR_RPC_SERVER: 4,
  ERROR_SERIALIZING_RESPONSE: 5, ERROR_RPC_VERSION_MISMATCH: 6,
  FATAL_UNKNOWN: 10, FATAL_UNSUPPORTED_SERIALIZATION: 11, FATAL_INVALID_RPC_HEADER: 12,
  FATAL_DESERIALIZING_REQUEST: 13, FATAL_VERSION_MISMATCH: 14, FATAL_UNAUTHORIZED: 15,
} as const;

/**
 * hadoop.common.RpcRequestHeaderProto: first message of every client packet. callId is zigzag
 * (−3 on the connection-context packet, then 1, 2, 3 …); clientId is 16 bytes. Fields 6–8
 * (traceInfo, callerContext, stateId) are not modelled and are skipped when present.
 */
export const RpcRequestHeaderProto = defineMessage({
  rpcKind: { no: 1, type: 'enum' },
  rpcOp: { no: 2, type: 'enum' },
  callId: { no: 3, type: 'sint32', required: true },
  clientId: { no: 4, type: 'bytes', required: true },
  retryCount: { no: 5, type: 'sint32' },
}, 'RpcRequestHeaderProto');

/** A decoded {@link RpcRequestHeaderProto}. */
export type RpcRequestHeader = MessageValue<typeof RpcRequestHeaderProto>;

/**
 * hadoop.common.RequestHeaderProto (ProtobufRpcEngine.proto): second message of a call packet,
 * naming the method; the method's request message follows it.
 */
export const RequestHeaderProto = defineMessage({
  methodName: { no: 1, type: 'string', required: true },
  declaringClassProtocolName: { no: 2, type: 'string', required: true },
  clientProtocolVersion: { no: 3, type: 'uint64', required: true },
}, 'RequestHeaderProto');

/** A decoded {@link RequestHeaderProto}. */
export type RequestHeader = MessageValue<typeof RequestHeaderProto>;

/** hadoop.common.UserInformationProto: the user name is effectiveUser; realUser is for proxies. */
export const UserInformationProto = defineMessage({
  effectiveUser: { no: 1, type: 'string' },
  realUser: { no: 2, type: 'string' },
}, 'UserInformationProto');

/**
 * hadoop.common.IpcConnectionContextProto: second message of the packet with callId −3, sent
 * once per connection and never answered. Field 1 does not exist in the .proto.
 */
export const IpcConnectionContextProto = defineMessage({
  userInfo: { no: 2, type: 'message', message: UserInformationProto },
  protocol: { no: 3, type: 'string' },
}, 'IpcConnectionContextProto');

/** A decoded {@link IpcConnectionContextProto}. */
export type IpcConnectionContext = MessageValue<typeof IpcConnectionContextProto>;

/**
 * hadoop.common.RpcResponseHeaderProto: first message of every server packet. callId is a plain
 * uint32 (not zigzag) echoing the request; status is required and must be written even when it
 * is SUCCESS (0). On error set exceptionClassName, errorMsg and errorDetail and send no body.
 * Field 9 (stateId) is not modelled.
 */
export const RpcResponseHeaderProto = defineMessage({
  callId: { no: 1, type: 'uint32', required: true },
  status: { no: 2, type: 'enum', required: true },
  serverIpcVersionNum: { no: 3, type: 'uint32' },
  exceptionClassName: { no: 4, type: 'string' },
  errorMsg: { no: 5, type: 'string' },
  errorDetail: { no: 6, type: 'enum' },
  clientId: { no: 7, type: 'bytes' },
  retryCount: { no: 8, type: 'sint32' },
}, 'RpcResponseHeaderProto');

/** RpcSaslProto.SaslState. */
export const SASL_STATE = { SUCCESS: 0, NEGOTIATE: 1, INITIATE: 2, CHALLENGE: 3, RESPONSE: 4, WRAP: 5 } as const;

/** hadoop.common.RpcSaslProto.SaslAuth: one mechanism a side offers. */
export const SaslAuthProto = defineMessage({
  method: { no: 1, type: 'string', required: true },
  mechanism: { no: 2, type: 'string', required: true },
  protocol: { no: 3, type: 'string' },
  serverId: { no: 4, type: 'string' },
  challenge: { no: 5, type: 'bytes' },
}, 'SaslAuth');

/**
 * hadoop.common.RpcSaslProto: the message of SASL packets (callId −33) after a 0xDF preamble.
 * A SIMPLE-only server answers NEGOTIATE with state SUCCESS, which the client takes as "switch
 * to simple".
 */
export const RpcSaslProto = defineMessage({
  version: { no: 1, type: 'uint32' },
  state: { no: 2, type: 'enum', required: true },
  token: { no: 3, type: 'bytes' },
  auths: { no: 4, type: 'message', message: SaslAuthProto, repeated: true },
}, 'RpcSaslProto');

/** A decoded {@link RpcSaslProto}. */
export type RpcSasl = MessageValue<typeof RpcSaslProto>;

/** A decoded {@link RpcResponseHeaderProto}. */
export type RpcResponseHeader = MessageValue<typeof RpcResponseHeaderProto>;

/** What {@link RpcResponseHeaderProto} accepts for encoding. */
export type RpcResponseHeaderInit = MessageInit<typeof RpcResponseHeaderProto>;
