import { wireError } from './wire-error.js';

/** The largest value an unsigned 64-bit varint can carry (2^64 − 1). */
export const MAX_UINT64 = (1n << 64n) - 1n;

/** A varint never needs more than 10 bytes (64 bits in 7-bit groups). */
const MAX_VARINT_BYTES = 10;

/**
 * Encodes an unsigned integer as a protobuf base-128 varint (little-endian 7-bit groups, high
 * bit = "more follows"). `value` must be an integer in 0..2^64−1; a `number` must also be a safe
 * integer. Anything else is a programmer error and throws `RangeError`.
 */
export function encodeVarint(value: number | bigint): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint value ${value} is not a non-negative safe integer`);
    if (value < 0x80) return Buffer.of(value);
    if (value <= 0xffffffff) return encodeSmall(value);
    value = BigInt(value);
  }
  if (value < 0n || value > MAX_UINT64) throw new RangeError(`varint value ${value} is outside 0..2^64-1`);
  const out: number[] = [];
  while (value >= 0x80n) {
    out.push(Number(value & 0x7fn) | 0x80);
    value >>= 7n;
  }
  out.push(Number(value));
  return Buffer.from(out);
}

function encodeSmall(value: number): Buffer {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return Buffer.from(out);
}

/**
 * Decodes the varint starting at `offset`. Returns `[value, nextOffset]`, the value as a bigint
 * in 0..2^64−1. Throws a WireError: `TRUNCATED` if `buf` ends inside the varint, `MALFORMED` if it
 * runs past 10 bytes or past 64 bits.
 */
export function decodeVarint(buf: Uint8Array, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const pos = offset + i;
    if (pos >= buf.length) throw wireError('TRUNCATED', `input ends inside a varint at byte ${offset}`);
    const b = buf[pos]!;
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) {
      if (result > MAX_UINT64) throw wireError('MALFORMED', `varint at byte ${offset} exceeds 64 bits`);
      return [result, pos + 1];
    }
    shift += 7n;
  }
  throw wireError('MALFORMED', `varint at byte ${offset} is longer than ${MAX_VARINT_BYTES} bytes`);
}

/**
 * Decodes a varint that must fit in a JavaScript number (lengths, tags, 32-bit fields): the
 * common case of at most 4 bytes is read without bigint. Returns `[value, nextOffset]`. Throws
 * the WireErrors of {@link decodeVarint}, and `MALFORMED` when the value exceeds `max`
 * (default `Number.MAX_SAFE_INTEGER`).
 */
export function decodeVarintNumber(buf: Uint8Array, offset: number, max = Number.MAX_SAFE_INTEGER): [number, number] {
  let result = 0;
  for (let i = 0; i < 4; i++) {
    const pos = offset + i;
    if (pos >= buf.length) throw wireError('TRUNCATED', `input ends inside a varint at byte ${offset}`);
    const b = buf[pos]!;
    result += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return checkMax(result, max, offset, pos + 1);
  }
  const [big, next] = decodeVarint(buf, offset);
  if (big > BigInt(max)) throw wireError('MALFORMED', `varint at byte ${offset} is ${big}, over the limit ${max}`);
  return [Number(big), next];
}

function checkMax(value: number, max: number, offset: number, next: number): [number, number] {
  if (value > max) throw wireError('MALFORMED', `varint at byte ${offset} is ${value}, over the limit ${max}`);
  return [value, next];
}

/** Maps a signed 64-bit integer to its zigzag form (0→0, −1→1, 1→2, …) for `sint32`/`sint64`. */
export function zigzagEncode(value: bigint): bigint {
  return BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
}

/** Inverse of {@link zigzagEncode}: an unsigned 64-bit zigzag value back to a signed integer. */
export function zigzagDecode(value: bigint): bigint {
  return (value >> 1n) ^ -(value & 1n);
}
