import { IpcConnectionContextProto, RPC_STATUS, RequestHeaderProto, RpcRequestHeaderProto, RpcResponseHeaderProto, RpcSaslProto } from './messages.js';
import type { IpcConnectionContext, RequestHeader, RpcRequestHeader, RpcResponseHeaderInit, RpcSasl } from './messages.js';
import { decode, encode } from './protobuf.js';
import { readLength } from './scalar.js';
import { encodeVarint } from './varint.js';
import { wireError } from './wire-error.js';

/** callId of the connection-context packet, which gets no response. */
export const CONNECTION_CONTEXT_CALL_ID = -3;
/** callId of a ping (Java clients send one when a call is slower than the ping interval): no response. */
export const PING_CALL_ID = -4;
/** callId of SASL negotiation packets (RpcSaslProto), and of the server's answers to them. */
export const SASL_CALL_ID = -33;

/** A client packet, decoded as far as the IPC layer can (the body's type depends on the method). */
export type RequestPacket =
  | { readonly kind: 'context'; readonly header: RpcRequestHeader; readonly context: IpcConnectionContext }
  | { readonly kind: 'call'; readonly header: RpcRequestHeader; readonly request: RequestHeader; readonly body: Buffer }
  | { readonly kind: 'sasl'; readonly header: RpcRequestHeader; readonly sasl: RpcSasl }
  | { readonly kind: 'ping'; readonly header: RpcRequestHeader }
  /** Another negative callId: Hadoop answers it FATAL ("Unknown out of band call #N"). */
  | { readonly kind: 'unknown'; readonly header: RpcRequestHeader };

/**
 * Splits a packet body into its varint-delimited messages (Java's writeDelimitedTo), as views
 * of `packet`. Throws WireError `TRUNCATED` when a length runs past the end.
 */
export function splitDelimited(packet: Uint8Array): Buffer[] {
  const buf = Buffer.isBuffer(packet) ? packet : Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [len, start] = readLength(buf, pos);
    out.push(buf.subarray(start, start + len));
    pos = start + len;
  }
  return out;
}

/**
 * Decodes a client packet (as given by PacketSplitter): RpcRequestHeaderProto, then either an
 * IpcConnectionContextProto (callId −3, `kind: 'context'`) or a RequestHeaderProto and the
 * method's request message (`kind: 'call'`; a missing body reads as empty). Throws WireError
 * `TRUNCATED`/`MALFORMED` for undecodable bytes, a missing message or extra messages. Pings
 * (callId −4) and SASL packets (−33, with an RpcSaslProto) come back as such; any other
 * negative callId as `unknown`.
 */
export function decodeRequestPacket(packet: Uint8Array): RequestPacket {
  const [headerBytes, ...rest] = splitDelimited(packet);
  if (!headerBytes) throw wireError('MALFORMED', 'empty packet: no RpcRequestHeaderProto');
  const header = decode(RpcRequestHeaderProto, headerBytes);
  if (header.callId === CONNECTION_CONTEXT_CALL_ID) {
    if (rest.length !== 1) throw wireError('MALFORMED', `connection-context packet has ${rest.length} messages after the header, expected 1`);
    return { kind: 'context', header, context: decode(IpcConnectionContextProto, rest[0]!) };
  }
  if (header.callId === PING_CALL_ID) return { kind: 'ping', header };
  if (header.callId === SASL_CALL_ID) {
    if (rest.length !== 1) throw wireError('MALFORMED', `SASL packet has ${rest.length} messages after the header, expected 1`);
    return { kind: 'sasl', header, sasl: decode(RpcSaslProto, rest[0]!) };
  }
  if (header.callId < 0) return { kind: 'unknown', header };
  if (rest.length < 1 || rest.length > 2) {
    throw wireError('MALFORMED', `call packet has ${rest.length} messages after the header, expected 1 or 2`);
  }
  return { kind: 'call', header, request: decode(RequestHeaderProto, rest[0]!), body: rest[1] ?? Buffer.alloc(0) };
}

/**
 * Builds one response packet: 4-byte big-endian length, then the varint-delimited
 * RpcResponseHeaderProto, then (success only) the varint-delimited, already-encoded response
 * message. Omit `body` on error: the client rejects trailing bytes. Throws `Error` when a
 * required header field is missing or a body accompanies a non-SUCCESS status (programmer
 * errors).
 */
export function encodeResponse(header: RpcResponseHeaderInit, body?: Uint8Array): Buffer {
  if (body !== undefined && header.status !== RPC_STATUS.SUCCESS) {
    throw new Error(`a response with status ${header.status} must not carry a body`);
  }
  const h = encode(RpcResponseHeaderProto, header);
  const parts: Uint8Array[] = [Buffer.alloc(4), encodeVarint(h.length), h];
  if (body !== undefined) parts.push(encodeVarint(body.length), body);
  const out = Buffer.concat(parts);
  out.writeUInt32BE(out.length - 4, 0);
  return out;
}
