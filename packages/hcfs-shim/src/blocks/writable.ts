import { wireError } from '../ipc/index.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Writes Hadoop's Writable encodings (`WritableUtils`, `Text`), the byte layout of legacy
 * token identifiers: variable-length longs, 4-byte-length strings, vint-length Text strings
 * (which is how `WritableUtils.writeEnum` writes an enum's name) and raw bytes.
 */
export class WritableWriter {
  #buf = Buffer.allocUnsafe(256);
  #pos = 0;

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** `WritableUtils.writeVLong`: −112..127 in one byte, else a length byte then big-endian bytes. */
  vlong(value: bigint | number): this {
    const small = typeof value === 'bigint' && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    if (typeof small === 'number' && Number.isSafeInteger(small) && small >= -112) return this.#vlongNumber(small);
    let i = BigInt(value);
    if (i >= -112n && i <= 127n) return this.#vlongNumber(Number(i));
    let len = -112;
    if (i < 0n) {
      i = ~i;
      len = -120;
    }
    for (let tmp = i; tmp !== 0n; tmp >>= 8n) len--;
    const n = len < -120 ? -(len + 120) : -(len + 112);
    this.#ensure(1 + n);
    this.#buf[this.#pos++] = len & 0xff;
    for (let idx = n; idx > 0; idx--) this.#buf[this.#pos++] = Number((i >> BigInt((idx - 1) * 8)) & 0xffn);
    return this;
  }

  /** {@link vlong} of a safe integer ≥ −112 without bigint arithmetic (the common case: dates, ids, lengths). */
  #vlongNumber(v: number): this {
    if (v <= 127) {
      this.#ensure(1);
      this.#buf[this.#pos++] = v & 0xff;
      return this;
    }
    let n = 0;
    for (let tmp = v; tmp > 0; tmp = Math.floor(tmp / 256)) n++;
    this.#ensure(1 + n);
    this.#buf[this.#pos++] = (-112 - n) & 0xff;
    for (let idx = n - 1; idx >= 0; idx--) this.#buf[this.#pos++] = Math.floor(v / 256 ** idx) % 256;
    return this;
  }

  /** `WritableUtils.writeVInt` (the vlong encoding of an int). */
  vint(value: number): this {
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw new RangeError(`vint ${value} is not a 32-bit integer`);
    return this.vlong(value);
  }

  /** `WritableUtils.writeString`: 4-byte big-endian length, then UTF-8. */
  string(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.#ensure(4 + n);
    this.#buf.writeInt32BE(n, this.#pos);
    this.#buf.write(s, this.#pos + 4, 'utf8');
    this.#pos += 4 + n;
    return this;
  }

  /** `Text.writeString` (and `WritableUtils.writeEnum` with the enum's name): vint length, then UTF-8. */
  text(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.vint(n);
    this.#ensure(n);
    this.#buf.write(s, this.#pos, 'utf8');
    this.#pos += n;
    return this;
  }

  /** Raw bytes, as `DataOutput.write`. */
  bytes(b: Uint8Array): this {
    this.#ensure(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
    return this;
  }

  /** Everything written, as one buffer of its own. */
  finish(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#pos));
  }
}

/**
 * Reads what {@link WritableWriter} writes, from untrusted bytes: every length is checked
 * against what is left before anything is allocated. Throws WireError `TRUNCATED` when the
 * input ends inside a value and `MALFORMED` for a value out of its range.
 */
export class WritableReader {
  readonly #buf: Buffer;
  #pos = 0;

  constructor(buf: Uint8Array) {
    this.#buf = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.#buf.length - this.#pos;
  }

  #need(n: number, what: string): void {
    if (n > this.remaining) throw wireError('TRUNCATED', `input ends inside ${what} at byte ${this.#pos}`);
  }

  /** `WritableUtils.readVLong`. */
  vlong(): bigint {
    this.#need(1, 'a vlong');
    const first = this.#buf.readInt8(this.#pos++);
    const len = first >= -112 ? 1 : first < -120 ? -119 - first : -111 - first;
    if (len === 1) return BigInt(first);
    this.#need(len - 1, 'a vlong');
    let i = 0n;
    for (let k = 0; k < len - 1; k++) i = (i << 8n) | BigInt(this.#buf[this.#pos++]!);
    const negative = first < -120 || (first >= -112 && first < 0);
    return BigInt.asIntN(64, negative ? ~i : i);
  }

  /** `WritableUtils.readVIntInRange` (a 32-bit int by default). */
  vint(min = INT32_MIN, max = INT32_MAX): number {
    const at = this.#pos;
    const v = this.vlong();
    if (v < BigInt(min) || v > BigInt(max)) throw wireError('MALFORMED', `vint at byte ${at} is ${v}, outside [${min}, ${max}]`);
    return Number(v);
  }

  /** `WritableUtils.readString`; a length of −1 (Java's null) reads as ''. */
  string(): string {
    this.#need(4, 'a string length');
    const len = this.#buf.readInt32BE(this.#pos);
    this.#pos += 4;
    if (len === -1) return '';
    if (len < 0) throw wireError('MALFORMED', `negative string length ${len}`);
    return this.bytes(len).toString('utf8');
  }

  /** `Text.readString` (and `WritableUtils.readEnum`'s name). */
  text(): string {
    return this.bytes(this.vint(0)).toString('utf8');
  }

  /** `n` raw bytes (a view). */
  bytes(n: number): Buffer {
    this.#need(n, `${n} bytes`);
    const out = this.#buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
}
