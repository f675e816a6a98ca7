import { ERRNO, errnoFromNumber, FsError, type Errno } from '../errors/index.js';
import { decodeValue, encodeValue } from './codec.js';
import type { OutBuffer } from './out-buffer.js';
import { WireReader } from './wire-reader.js';

/**
 * Frame layout (little-endian): `u32 length` (of what follows), `u8 type`, `u32 call id`, then a
 * type-specific body. A call carries `str8 program, str8 proc, value args`; a reply or a stream
 * chunk one value; an error `u16 errno, value message`; a handshake the magic, the version and
 * that version's greeting (a client's hello, a server's challenge: see `auth.ts`); an auth frame
 * the client's proof; a welcome nothing (the server admitted the client).
 */
export const FrameType = {
  Handshake: 1,
  Call: 2,
  Reply: 3,
  Error: 4,
  Chunk: 5,
  Cancel: 6,
  Auth: 7,
  Welcome: 8,
} as const;

/**
 * Bumped on any incompatible change of the frame layout, the value encoding or the arguments of
 * a program. 2: fop clients choose fd numbers (`newfd` travels) and open replies carry no number.
 * 3: the handshake authenticates both sides (hello, challenge, proof, welcome).
 */
export const PROTOCOL_VERSION = 3;
const MAGIC = 0x50524647; // "GFRP" read as little-endian u32

/** Bytes of `u32 length`; the length counts what follows it. */
export const LENGTH_BYTES = 4;
/** Default largest frame body: a 64 MiB payload plus room for its header. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024 + 64 * 1024;
/** Largest frame accepted before the handshake is done: greetings are a few hundred bytes. */
export const HANDSHAKE_MAX_FRAME_BYTES = 4096;

/** A decoded frame. */
export type Frame =
  | { type: typeof FrameType.Handshake; id: number; version: number; greeting: Buffer }
  | { type: typeof FrameType.Auth; id: number; body: Buffer }
  | { type: typeof FrameType.Welcome; id: number }
  | { type: typeof FrameType.Call; id: number; program: string; proc: string; args: unknown[] }
  | { type: typeof FrameType.Reply | typeof FrameType.Chunk; id: number; value: unknown }
  | { type: typeof FrameType.Error; id: number; error: FsError }
  | { type: typeof FrameType.Cancel; id: number };

/** Appends a handshake frame announcing `version` followed by its greeting (written by `greet`). */
export function writeHandshake(out: OutBuffer, max: number, version = PROTOCOL_VERSION, greet?: (out: OutBuffer) => void): void {
  out.beginFrame(FrameType.Handshake, 0);
  out.u32(MAGIC);
  out.u16(version);
  greet?.(out);
  out.endFrame(max);
}

/** Appends an auth frame whose body `write` fills (the client's proof). */
export function writeAuth(out: OutBuffer, max: number, write: (out: OutBuffer) => void): void {
  out.beginFrame(FrameType.Auth, 0);
  write(out);
  out.endFrame(max);
}

/** Appends a welcome frame: the server admitted the client. */
export function writeWelcome(out: OutBuffer, max: number): void {
  out.beginFrame(FrameType.Welcome, 0);
  out.endFrame(max);
}

/** Appends a call frame; an unencodable argument leaves nothing behind and throws EINVAL. */
export function writeCall(out: OutBuffer, max: number, id: number, program: string, proc: string, args: unknown[]): void {
  out.beginFrame(FrameType.Call, id);
  try {
    out.str(program, 1);
    out.str(proc, 1);
    encodeValue(out, args);
  } catch (e) {
    out.abortFrame();
    throw e;
  }
  out.endFrame(max);
}

/** Appends a reply or stream-chunk frame carrying `value`; EINVAL if it cannot be encoded. */
export function writeValue(out: OutBuffer, max: number, type: typeof FrameType.Reply | typeof FrameType.Chunk, id: number, value: unknown): void {
  out.beginFrame(type, id);
  try {
    encodeValue(out, value);
  } catch (e) {
    out.abortFrame();
    throw e;
  }
  out.endFrame(max);
}

/** Appends an error frame: the errno's wire number and a message for humans (no `CODE:` prefix). */
export function writeError(out: OutBuffer, max: number, id: number, code: Errno, message: string): void {
  out.beginFrame(FrameType.Error, id);
  out.u16(ERRNO[code]);
  out.str(message.length > 4000 ? message.slice(0, 4000) : message, 4);
  out.endFrame(max);
}

/** Appends a frame asking the peer to abort call `id`. */
export function writeCancel(out: OutBuffer, max: number, id: number): void {
  out.beginFrame(FrameType.Cancel, id);
  out.endFrame(max);
}

/**
 * Decodes one frame body (everything after the length prefix). Values are views of `body`.
 * Anything malformed (unknown type, bad magic, truncation, stray bytes, bad tag) is EBADMSG.
 */
export function parseFrame(body: Buffer): Frame {
  const r = new WireReader(body);
  const type = r.u8();
  const id = r.u32();
  let frame: Frame;
  switch (type) {
    case FrameType.Handshake: {
      if (r.u32() !== MAGIC) throw new FsError('EBADMSG', 'not a gluster-ts RPC peer (bad handshake magic)');
      const version = r.u16();
      // The greeting's layout belongs to the version; it is read by whoever checked the version.
      frame = { type, id, version, greeting: r.buf.subarray(r.pos, r.end) };
      r.pos = r.end;
      break;
    }
    case FrameType.Auth:
      frame = { type, id, body: r.buf.subarray(r.pos, r.end) };
      r.pos = r.end;
      break;
    case FrameType.Welcome:
      frame = { type, id };
      break;
    case FrameType.Call: {
      const program = r.str(1);
      const proc = r.str(1);
      const args = decodeValue(r);
      if (!Array.isArray(args)) throw new FsError('EBADMSG', 'call arguments are not an array');
      frame = { type, id, program, proc, args };
      break;
    }
    case FrameType.Reply:
    case FrameType.Chunk:
      frame = { type, id, value: decodeValue(r) };
      break;
    case FrameType.Error: {
      const code = errnoFromNumber(r.u16());
      const msg = r.str(4);
      frame = { type, id, error: remoteError(code, msg) };
      break;
    }
    case FrameType.Cancel:
      frame = { type, id };
      break;
    default:
      throw new FsError('EBADMSG', `unknown frame type ${type}`);
  }
  if (r.left !== 0) throw new FsError('EBADMSG', `${r.left} stray bytes after a frame of type ${type}`);
  return frame;
}

/**
 * The error a peer reported. It gets no stack: a local one would only show the frame parser,
 * and capturing it costs more than decoding the frame (ENOENT replies are routine).
 */
function remoteError(code: Errno, msg: string): FsError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new FsError(code, msg || undefined);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
