import { MAX_UINT64, decodeVarint, decodeVarintNumber, zigzagDecode, zigzagEncode } from './varint.js';
import { wireError } from './wire-error.js';
import { Writer } from './writer.js';

/** 64-bit integer field types: decoded as `bigint`, encoded from `bigint` or a safe-integer `number`. */
export type Int64Type = 'uint64' | 'int64' | 'sint64' | 'fixed64' | 'sfixed64';
/** 32-bit integer field types (enums included): always a `number`. */
export type Int32Type = 'uint32' | 'int32' | 'sint32' | 'fixed32' | 'sfixed32' | 'enum';
/** Every non-message field type the codec knows. */
export type ScalarType = Int32Type | Int64Type | 'bool' | 'string' | 'bytes';

/** Protobuf wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
export type WireType = 0 | 1 | 2 | 5;

const FIXED64: ReadonlySet<string> = new Set(['fixed64', 'sfixed64']);
const FIXED32: ReadonlySet<string> = new Set(['fixed32', 'sfixed32']);

/** The wire type a field of `type` is written with (not counting packed repeated encoding). */
export function wireTypeOf(type: ScalarType | 'message'): WireType {
  if (type === 'string' || type === 'bytes' || type === 'message') return 2;
  if (FIXED64.has(type)) return 1;
  if (FIXED32.has(type)) return 5;
  return 0;
}

/** True for numeric and bool types, the ones `packed` applies to. */
export function isPackable(type: ScalarType | 'message'): boolean {
  return wireTypeOf(type) !== 2;
}

/**
 * Encodes one value of `type` without its tag (string and bytes include their length prefix).
 * A value of the wrong JavaScript type or out of the type's range is a programmer error and
 * throws `TypeError`/`RangeError` naming `path`.
 */
export function writeScalar(type: ScalarType, value: unknown, path: string): Uint8Array {
  const w = new Writer(16);
  writeScalarTo(w, type, value, path);
  return w.finish();
}

/** {@link writeScalar} into a {@link Writer}; `path` is only read to word an error. */
export function writeScalarTo(w: Writer, type: ScalarType, value: unknown, path: string | (() => string)): void {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${pathOf(path)}: expected a string`);
      return w.string(value);
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw new TypeError(`${pathOf(path)}: expected bytes (Uint8Array)`);
      w.varint(value.length);
      return w.bytes(value);
    case 'bool':
      if (typeof value !== 'boolean') throw new TypeError(`${pathOf(path)}: expected a boolean`);
      return w.varint(value ? 1 : 0);
    case 'uint32': return w.varint(int(value, 0, 0xffffffff, path));
    case 'int32': case 'enum': {
      const v = int(value, -(2 ** 31), 2 ** 31 - 1, path);
      return v >= 0 ? w.varint(v) : w.varintBig(BigInt.asUintN(64, BigInt(v)));
    }
    case 'sint32': return w.varintBig(zigzagEncode(BigInt(int(value, -(2 ** 31), 2 ** 31 - 1, path))));
    case 'uint64':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return w.varint(value);
      return w.varintBig(big(value, 0n, MAX_UINT64, path));
    case 'int64': return w.varintBig(BigInt.asUintN(64, big(value, -(2n ** 63n), 2n ** 63n - 1n, path)));
    case 'sint64': return w.varintBig(zigzagEncode(big(value, -(2n ** 63n), 2n ** 63n - 1n, path)));
    case 'fixed32': return w.fixed32(int(value, 0, 0xffffffff, path), false);
    case 'sfixed32': return w.fixed32(int(value, -(2 ** 31), 2 ** 31 - 1, path), true);
    case 'fixed64': return w.fixed64(big(value, 0n, MAX_UINT64, path), false);
    case 'sfixed64': return w.fixed64(big(value, -(2n ** 63n), 2n ** 63n - 1n, path), true);
  }
}

function pathOf(path: string | (() => string)): string {
  return typeof path === 'string' ? path : path();
}

function int(value: unknown, min: number, max: number, path: string | (() => string)): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${pathOf(path)}: expected an integer number`);
  if (value < min || value > max) throw new RangeError(`${pathOf(path)}: ${value} is outside ${min}..${max}`);
  return value;
}

function big(value: unknown, min: bigint, max: bigint, path: string | (() => string)): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`${pathOf(path)}: ${value} is not a safe integer; pass a bigint`);
  if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`${pathOf(path)}: expected a bigint or integer number`);
  const v = BigInt(value);
  if (v < min || v > max) throw new RangeError(`${pathOf(path)}: ${v} is outside ${min}..${max}`);
  return v;
}

/**
 * Reads the length prefix at `pos` and checks the payload lies inside `buf`. Returns
 * `[length, payloadStart]`. WireError `TRUNCATED` if the payload runs past the end.
 */
export function readLength(buf: Buffer, pos: number): [number, number] {
  const [len, p] = decodeVarintNumber(buf, pos, 0x7fffffff);
  if (p + len > buf.length) throw wireError('TRUNCATED', `length ${len} at byte ${pos} runs past the end of the input`);
  return [len, p];
}

/**
 * Decodes one value of `type` at `pos` (no tag). Returns `[value, nextOffset]`: 32-bit types and
 * enums as numbers (wider varints truncated to 32 bits, as protobuf does), 64-bit types as bigint,
 * strings as UTF-8 (invalid sequences become U+FFFD), bytes as a copy. WireError `TRUNCATED`
 * or `MALFORMED` on bad input.
 */
export function readScalar(type: ScalarType, buf: Buffer, pos: number): [unknown, number] {
  if (type === 'string' || type === 'bytes') {
    const [len, p] = readLength(buf, pos);
    return [type === 'string' ? buf.toString('utf8', p, p + len) : Buffer.from(buf.subarray(p, p + len)), p + len];
  }
  if (FIXED32.has(type) || FIXED64.has(type)) return readFixed(type, buf, pos);
  const [u, next] = decodeVarint(buf, pos);
  switch (type) {
    case 'bool': return [u !== 0n, next];
    case 'uint32': return [Number(BigInt.asUintN(32, u)), next];
    case 'int32': case 'enum': return [Number(BigInt.asIntN(32, u)), next];
    case 'sint32': return [Number(BigInt.asIntN(32, zigzagDecode(u))), next];
    case 'uint64': return [u, next];
    case 'int64': return [BigInt.asIntN(64, u), next];
    default: return [zigzagDecode(u), next];
  }
}

function readFixed(type: ScalarType, buf: Buffer, pos: number): [unknown, number] {
  const size = FIXED32.has(type) ? 4 : 8;
  if (pos + size > buf.length) throw wireError('TRUNCATED', `input ends inside a ${type} at byte ${pos}`);
  switch (type) {
    case 'fixed32': return [buf.readUInt32LE(pos), pos + 4];
    case 'sfixed32': return [buf.readInt32LE(pos), pos + 4];
    case 'fixed64': return [buf.readBigUInt64LE(pos), pos + 8];
    default: return [buf.readBigInt64LE(pos), pos + 8];
  }
}
