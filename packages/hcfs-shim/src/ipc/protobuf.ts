import { isPackable, readLength, readScalar, wireTypeOf, writeScalarTo } from './scalar.js';
import { Writer } from './writer.js';
import type { Int32Type, Int64Type, ScalarType } from './scalar.js';
import { decodeVarint, decodeVarintNumber } from './varint.js';
import { wireError } from './wire-error.js';

/**
 * One field of a proto2 message. `no` is the field number; `message` is required when `type` is
 * 'message'. `required` fields are always written (even when 0, false or empty: the proto2
 * "required trap") and must be present when decoding. `packed` (repeated numeric/bool only)
 * selects packed encoding on write; decoding accepts both forms.
 */
export interface FieldSpec {
  readonly no: number;
  readonly type: ScalarType | 'message';
  readonly message?: MessageSchema;
  readonly repeated?: boolean;
  readonly required?: boolean;
  readonly packed?: boolean;
}

/** A message's fields by JavaScript property name. */
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** A validated message schema built by {@link defineMessage}. */
export interface MessageSchema<F extends FieldSpecs = FieldSpecs> {
  readonly name: string;
  readonly fields: F;
  /** Fields sorted by number: the order they are written in. */
  readonly order: readonly (readonly [string, FieldSpec])[];
  readonly byNo: ReadonlyMap<number, readonly [string, FieldSpec]>;
}

type Out<T> = T extends Int64Type ? bigint : T extends Int32Type ? number : T extends 'bool' ? boolean
  : T extends 'string' ? string : T extends 'bytes' ? Buffer : never;
type In<T> = T extends Int64Type ? bigint | number : T extends 'bytes' ? Uint8Array : Out<T>;
type Elem<S extends FieldSpec, I extends boolean> = S['type'] extends 'message'
  ? (S['message'] extends MessageSchema<infer G> ? Shape<G, I> : never)
  : I extends true ? In<S['type']> : Out<S['type']>;
type FieldValue<S extends FieldSpec, I extends boolean> = S extends { repeated: true }
  ? (I extends true ? readonly Elem<S, I>[] : Elem<S, I>[]) : Elem<S, I>;
type Present<S, I extends boolean> = S extends { required: true } ? true : I extends true ? false
  : S extends { repeated: true } ? true : false;
type Shape<F extends FieldSpecs, I extends boolean> = Flat<
  { -readonly [K in keyof F as Present<F[K], I> extends true ? K : never]: FieldValue<F[K], I> } &
  { -readonly [K in keyof F as Present<F[K], I> extends true ? never : K]?: FieldValue<F[K], I> }>;
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * A decoded message: required and repeated fields always present (repeated as arrays, possibly
 * empty), optional ones absent when not on the wire. 64-bit integers are `bigint` (Hadoop's
 * "no quota" is 2^64−1, and core file offsets are bigint too); bytes are Buffers.
 */
export type MessageValue<M extends MessageSchema> = M extends MessageSchema<infer F> ? Shape<F, false> : never;
/** What {@link encode} accepts: required fields mandatory; 64-bit integers as bigint or safe integers. */
export type MessageInit<M extends MessageSchema> = M extends MessageSchema<infer F> ? Shape<F, true> : never;

/**
 * Builds a schema from a field table. Throws `Error` on a schema bug: a field number outside
 * 1..2^29−1 or in the reserved 19000..19999, a duplicate number, a message field without
 * `message`, `required` together with `repeated`, or `packed` on a non-repeated or
 * length-delimited field.
 */
export function defineMessage<const F extends FieldSpecs>(fields: F, name = 'message'): MessageSchema<F> {
  const byNo = new Map<number, readonly [string, FieldSpec]>();
  for (const [key, spec] of Object.entries(fields)) {
    const where = `${name}.${key}`;
    if (!Number.isInteger(spec.no) || spec.no < 1 || spec.no >= 2 ** 29 || (spec.no >= 19000 && spec.no <= 19999)) {
      throw new Error(`${where}: invalid field number ${spec.no}`);
    }
    if (byNo.has(spec.no)) throw new Error(`${where}: field number ${spec.no} is already used by ${byNo.get(spec.no)![0]}`);
    if (spec.type === 'message' && !spec.message) throw new Error(`${where}: a message field needs its schema`);
    if (spec.required && spec.repeated) throw new Error(`${where}: a field cannot be both required and repeated`);
    if (spec.packed && (!spec.repeated || !isPackable(spec.type))) throw new Error(`${where}: only repeated numeric fields can be packed`);
    byNo.set(spec.no, [key, spec]);
  }
  const order = [...byNo.values()].sort((a, b) => a[1].no - b[1].no);
  return { name, fields, order, byNo };
}

/**
 * Serialises `value` in field-number order. Every field whose value is not undefined/null is
 * written (proto2 presence), so required fields are emitted even when zero or empty. Throws
 * `Error` when a required field is missing (at any depth, the message names the path), and
 * `TypeError`/`RangeError` for a value of the wrong type or range.
 */
export function encode<M extends MessageSchema>(schema: M, value: MessageInit<M>): Buffer {
  const w = new Writer();
  encodeInto(schema, value as Record<string, unknown>, w, () => schema.name);
  return w.finish();
}

// `path` builds the field path for an error message only when one is thrown: formatting it for
// every field made listings of thousands of entries several times slower to encode.
function encodeInto(schema: MessageSchema, value: Record<string, unknown>, w: Writer, path: () => string): void {
  for (const [key, spec] of schema.order) {
    const v = value[key];
    const where = () => `${path()}.${key}`;
    if (v === undefined || v === null) {
      if (spec.required) throw new Error(`${where()} (field ${spec.no}) is required but missing`);
      continue;
    }
    if (!spec.repeated) { writeField(spec, v, w, where); continue; }
    if (!Array.isArray(v)) throw new TypeError(`${where()}: a repeated field needs an array`);
    if (spec.packed && spec.type !== 'message') {
      if (v.length === 0) continue;
      w.varint(spec.no * 8 + 2);
      const mark = w.beginDelimited();
      v.forEach((e, i) => writeScalarTo(w, spec.type as ScalarType, e, () => `${where()}[${i}]`));
      w.endDelimited(mark);
    } else {
      for (let i = 0; i < v.length; i++) writeField(spec, v[i], w, () => `${where()}[${i}]`);
    }
  }
}

function writeField(spec: FieldSpec, v: unknown, w: Writer, where: () => string): void {
  w.varint(spec.no * 8 + wireTypeOf(spec.type));
  if (spec.type !== 'message') { writeScalarTo(w, spec.type, v, where); return; }
  if (typeof v !== 'object' || v === null) throw new TypeError(`${where()}: expected a message object`);
  const mark = w.beginDelimited();
  encodeInto(spec.message!, v as Record<string, unknown>, w, where);
  w.endDelimited(mark);
}

/**
 * Parses a whole buffer as one message of `schema`. Unknown fields are skipped; for a repeated
 * numeric field both packed and unpacked forms are accepted; a non-repeated field seen twice
 * keeps the last value. Throws a WireError: `TRUNCATED` when the input ends inside a field,
 * `MALFORMED` for a bad tag, a wire type that does not match the schema, a group, or a missing
 * required field.
 */
export function decode<M extends MessageSchema>(schema: M, buf: Uint8Array): MessageValue<M> {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return decodeMessage(schema, b) as MessageValue<M>;
}

function decodeMessage(schema: MessageSchema, buf: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of schema.order) if (spec.repeated) out[key] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p] = decodeVarintNumber(buf, pos, 0xffffffff);
    const no = Math.floor(tag / 8);
    const wt = tag % 8;
    if (no === 0) throw wireError('MALFORMED', `${schema.name}: field number 0 at byte ${pos}`);
    const entry = schema.byNo.get(no);
    pos = entry ? readField(schema, entry[0], entry[1], out, buf, p, wt) : skipField(buf, p, wt, no);
  }
  for (const [key, spec] of schema.order) {
    if (spec.required && out[key] === undefined) {
      throw wireError('MALFORMED', `${schema.name}.${key} (field ${spec.no}) is required but missing`);
    }
  }
  return out;
}

function readField(schema: MessageSchema, key: string, spec: FieldSpec, out: Record<string, unknown>, buf: Buffer, pos: number, wt: number): number {
  if (spec.repeated && wt === 2 && isPackable(spec.type)) {
    const [len, start] = readLength(buf, pos);
    const list = out[key] as unknown[];
    for (let p = start; p < start + len;) {
      const [v, next] = readScalar(spec.type as ScalarType, buf.subarray(0, start + len), p);
      list.push(v);
      p = next;
    }
    return start + len;
  }
  if (wt !== wireTypeOf(spec.type)) {
    throw wireError('MALFORMED', `${schema.name}.${key} (field ${spec.no}) has wire type ${wt}, expected ${wireTypeOf(spec.type)}`);
  }
  let value: unknown;
  let next: number;
  if (spec.type === 'message') {
    const [len, start] = readLength(buf, pos);
    value = decodeMessage(spec.message!, buf.subarray(start, start + len));
    next = start + len;
  } else {
    [value, next] = readScalar(spec.type, buf, pos);
  }
  if (spec.repeated) (out[key] as unknown[]).push(value);
  else out[key] = value;
  return next;
}

function skipField(buf: Buffer, pos: number, wt: number, no: number): number {
  switch (wt) {
    case 0: return decodeVarint(buf, pos)[1];
    case 2: { const [len, start] = readLength(buf, pos); return start + len; }
    case 1: case 5: {
      const end = pos + (wt === 1 ? 8 : 4);
      if (end > buf.length) throw wireError('TRUNCATED', `input ends inside unknown field ${no}`);
      return end;
    }
    default: throw wireError('MALFORMED', `unknown field ${no} has unsupported wire type ${wt}`);
  }
}
