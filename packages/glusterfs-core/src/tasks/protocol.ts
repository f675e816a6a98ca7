import type { MessagePort } from 'node:worker_threads';
import { FsError, isErrno } from '../errors/index.js';
import type { BrickContext } from './types.js';

/** What the service sends a pool worker: run one task, or list the handler names. */
export interface WorkerRequest {
  op: 'run' | 'list';
  name: string;
  args: unknown;
  brick: BrickContext;
  modules: string[];
  /** Where the worker posts {@link PortMessage}s; transferred with the request. */
  port: MessagePort;
}

/** An error as it crosses the thread boundary (an Error's own fields do not survive cloning). */
export interface WireError {
  code: string;
  message: string;
}

/** Posted on the request's port, in order: any number of chunks, then exactly one end. */
export type PortMessage =
  | { kind: 'chunk'; chunk: unknown }
  | { kind: 'end'; ok: true; value: unknown }
  | { kind: 'end'; ok: false; error: WireError };

/** An error flattened for postMessage. */
export function toWireError(e: unknown): WireError {
  const fe = FsError.from(e);
  return { code: fe.code, message: fe.message.replace(`${fe.code}: `, '') };
}

/** The FsError a {@link WireError} stands for (an unknown code is EIO). */
export function fromWireError(w: WireError): FsError {
  return new FsError(isErrno(w.code) ? w.code : 'EIO', w.message === w.code ? undefined : w.message);
}

/**
 * Structured cloning turns Buffers into plain Uint8Arrays; turn them back so results travel on
 * the RPC wire as raw payloads, as if produced on this thread.
 */
export function reviveBuffers(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveBuffers(v[i]);
    return v;
  }
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = reviveBuffers(o[k]);
  }
  return v;
}
