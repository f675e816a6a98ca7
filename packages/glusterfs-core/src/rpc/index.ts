export type {
  RpcClient, RpcServer, RpcHandler, RpcCallInfo, RpcCallOptions, RpcServerOptions, RpcClientOptions,
} from './types.js';
export { createRpcServer } from './server.js';
export { connectRpc } from './client.js';
export { encodeValue, decodeValue, encodeToBuffer, decodeFromBuffer } from './codec.js';
export { PROTOCOL_VERSION, DEFAULT_MAX_FRAME_BYTES } from './frame.js';
export { OutBuffer } from './out-buffer.js';
export type { Credentials, ConnAuth } from './auth.js';
export { loadTlsDir, certNameAllowed, TLS_FILES, type TlsMaterial } from './tls.js';
export { AddressFilter } from './address-list.js';
export { WireReader } from './wire-reader.js';
export { PING_PROGRAM, PING_PROC } from './ping.js';
