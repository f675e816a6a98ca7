import type { Socket } from 'node:net';
import { isFsError } from 'glusterfs-core';
import type { Redact } from '../redact.js';
import { encode, encodeVarint } from '../ipc/index.js';
import type { MessageInit, MessageSchema } from '../ipc/index.js';
import { BlockOpResponseProto, DT_STATUS, PipelineAckProto } from './reply-messages.js';
import type { BlockOpResponseInit, DtStatus } from './reply-messages.js';

/** `schema`'s encoding of `value` behind its varint length, as one buffer. */
export function encodeDelimited<M extends MessageSchema>(schema: M, value: MessageInit<M>): Buffer {
  const body = encode(schema, value);
  return Buffer.concat([encodeVarint(body.length), body]);
}

/** Writes a BlockOpResponseProto unless the socket is already gone. */
export function sendResponse(socket: Socket, value: BlockOpResponseInit): void {
  if (!socket.destroyed) socket.write(encodeDelimited(BlockOpResponseProto, value));
}

/**
 * Answers an op with a failure and half-closes the socket. firstBadLink is always set so the
 * reply is never shorter than the 5 bytes the Go client reads before parsing.
 */
export function refuse(socket: Socket, status: DtStatus, message: string): void {
  sendResponse(socket, { status, firstBadLink: '', message });
  if (!socket.destroyed) socket.end();
}

/** Writes one PipelineAckProto for `seqno` with a single reply (this node is the whole pipeline). */
export function sendAck(socket: Socket, seqno: number | bigint, status: DtStatus): void {
  if (!socket.destroyed) socket.write(encodeDelimited(PipelineAckProto, { seqno, reply: [status] }));
}

/**
 * The op status and message for an error raised while serving an op: errnos become DT
 * statuses here, at the edge (EACCES/EPERM → ERROR_ACCESS_TOKEN, EINVAL → ERROR_INVALID,
 * ENOTSUP → ERROR_UNSUPPORTED, anything else → ERROR). The message goes through `redact`, so
 * no host path or GFID reaches the client.
 */
export function statusOfError(e: unknown, redact: Redact): { status: DtStatus; message: string } {
  if (!isFsError(e)) return { status: DT_STATUS.ERROR, message: redact(e instanceof Error ? e.message : String(e)) };
  const message = redact(e.message);
  switch (e.code) {
    case 'EACCES': case 'EPERM': return { status: DT_STATUS.ERROR_ACCESS_TOKEN, message };
    case 'EINVAL': return { status: DT_STATUS.ERROR_INVALID, message };
    case 'ENOTSUP': return { status: DT_STATUS.ERROR_UNSUPPORTED, message };
    default: return { status: DT_STATUS.ERROR, message };
  }
}
