import { FsError } from '../errors/index.js';
import { OutBuffer } from './out-buffer.js';
import { WireReader } from './wire-reader.js';

/** Type tags of the value encoding; one byte before each value. */
const enum Tag {
  Null = 0,
  Undefined = 1,
  False = 2,
  True = 3,
  Int32 = 4,
  Float64 = 5,
  BigInt64 = 6,
  BigIntText = 7,
  String = 8,
  Bytes = 9,
  Array = 10,
  Object = 11,
}

/** Deeper nesting is refused both ways: it guards the stack against cycles and hostile frames. */
const MAX_DEPTH = 64;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * Appends the tagged encoding of a wire value: null, undefined, boolean, number, bigint, string,
 * Buffer/Uint8Array (queued raw when large), arrays and plain objects of those. Anything else
 * (functions, symbols, class instances, cycles) is EINVAL.
 */
export function encodeValue(out: OutBuffer, v: unknown, depth = 0): void {
  switch (typeof v) {
    case 'string':
      out.u8(Tag.String);
      out.str(v, 4);
      return;
    case 'number':
      if ((v | 0) === v && !Object.is(v, -0)) {
        out.u8(Tag.Int32);
        out.i32(v);
      } else {
        out.u8(Tag.Float64);
        out.f64(v);
      }
      return;
    case 'boolean':
      out.u8(v ? Tag.True : Tag.False);
      return;
    case 'undefined':
      out.u8(Tag.Undefined);
      return;
    case 'bigint':
      encodeBigInt(out, v);
      return;
    case 'object':
      encodeObject(out, v, depth);
      return;
    default:
      throw new FsError('EINVAL', `a ${typeof v} is not a wire value`);
  }
}

/** Reads one value written by {@link encodeValue}; byte fields are views of the frame. EBADMSG. */
export function decodeValue(r: WireReader, depth = 0): unknown {
  const tag = r.u8();
  switch (tag) {
    case Tag.Null: return null;
    case Tag.Undefined: return undefined;
    case Tag.False: return false;
    case Tag.True: return true;
    case Tag.Int32: return r.i32();
    case Tag.Float64: return r.f64();
    case Tag.BigInt64: return r.i64();
    case Tag.BigIntText: return decodeBigText(r.str(1));
    case Tag.String: return r.str(4);
    case Tag.Bytes: return r.bytes(r.u32());
    case Tag.Array: return decodeArray(r, depth);
    case Tag.Object: return decodeObject(r, depth);
    default: throw new FsError('EBADMSG', `unknown value tag ${tag} at ${r.pos - 1}`);
  }
}

/** One value as a standalone Buffer (tests, and callers that store encoded values). */
export function encodeToBuffer(v: unknown): Buffer {
  const out = new OutBuffer();
  encodeValue(out, v);
  return Buffer.concat(out.take());
}

/** The value in `buf`, which must hold exactly one encoded value. EBADMSG. */
export function decodeFromBuffer(buf: Buffer): unknown {
  const r = new WireReader(buf);
  const v = decodeValue(r);
  if (r.left !== 0) throw new FsError('EBADMSG', `${r.left} stray bytes after the value`);
  return v;
}

function encodeBigInt(out: OutBuffer, v: bigint): void {
  if (v >= I64_MIN && v <= I64_MAX) {
    out.u8(Tag.BigInt64);
    out.i64(v);
  } else {
    out.u8(Tag.BigIntText);
    out.str(v.toString(16), 1);
  }
}

function encodeObject(out: OutBuffer, v: object | null, depth: number): void {
  if (v === null) {
    out.u8(Tag.Null);
    return;
  }
  if (depth >= MAX_DEPTH) throw new FsError('EINVAL', 'value nested too deeply (or cyclic)');
  if (Array.isArray(v)) {
    out.u8(Tag.Array);
    out.u32(v.length);
    for (let i = 0; i < v.length; i++) encodeValue(out, v[i], depth + 1);
    return;
  }
  if (v instanceof Uint8Array) {
    out.u8(Tag.Bytes);
    out.bytes(v);
    return;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new FsError('EINVAL', `a ${v.constructor?.name ?? 'class'} instance is not a wire value`);
  }
  const keys = Object.keys(v);
  out.u8(Tag.Object);
  out.u32(keys.length);
  for (const k of keys) {
    out.str(k, 2);
    encodeValue(out, (v as Record<string, unknown>)[k], depth + 1);
  }
}

function decodeBigText(s: string): bigint {
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  if (!/^[0-9a-f]+$/.test(digits)) throw new FsError('EBADMSG', 'malformed bigint');
  const n = BigInt('0x' + digits);
  return neg ? -n : n;
}

function decodeArray(r: WireReader, depth: number): unknown[] {
  if (depth >= MAX_DEPTH) throw new FsError('EBADMSG', 'value nested too deeply');
  const n = r.u32();
  // Every element takes at least one byte, so a larger count is a lie; refusing it early avoids
  // allocating a huge array for a hostile frame.
  if (n > r.left) throw new FsError('EBADMSG', `array of ${n} elements in ${r.left} bytes`);
  const a = new Array<unknown>(n);
  for (let i = 0; i < n; i++) a[i] = decodeValue(r, depth + 1);
  return a;
}

function decodeObject(r: WireReader, depth: number): Record<string, unknown> {
  if (depth >= MAX_DEPTH) throw new FsError('EBADMSG', 'value nested too deeply');
  const n = r.u32();
  if (n > r.left) throw new FsError('EBADMSG', `object of ${n} keys in ${r.left} bytes`);
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = r.str(2);
    const v = decodeValue(r, depth + 1);
    // A plain assignment to "__proto__" would swap the object's prototype.
    if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    else o[k] = v;
  }
  return o;
}
