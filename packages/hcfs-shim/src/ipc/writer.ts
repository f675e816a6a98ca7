/**
 * A growable output buffer for the protobuf encoder: varints and bytes are written in place,
 * so encoding a message allocates one buffer (plus growth) instead of one per field. Nested
 * messages are written in place after a one-byte length slot, then moved right when their
 * length needs more bytes (rare: only bodies of 128 bytes or more, and only by a few bytes).
 */
export class Writer {
  #buf: Buffer;
  #pos = 0;

  constructor(initial = 256) {
    this.#buf = Buffer.allocUnsafe(initial);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#pos;
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** An unsigned varint of a non-negative safe integer. */
  varint(v: number): void {
    this.#ensure(10);
    const b = this.#buf;
    let p = this.#pos;
    while (v >= 0x80) {
      b[p++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    b[p++] = v;
    this.#pos = p;
  }

  /** An unsigned varint of a 64-bit value (0..2^64−1). */
  varintBig(v: bigint): void {
    if (v <= 0x1fffffffffffffn) {
      this.varint(Number(v));
      return;
    }
    this.#ensure(10);
    const b = this.#buf;
    let p = this.#pos;
    while (v >= 0x80n) {
      b[p++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    b[p++] = Number(v);
    this.#pos = p;
  }

  /** Raw bytes. */
  bytes(data: Uint8Array): void {
    this.#ensure(data.length);
    this.#buf.set(data, this.#pos);
    this.#pos += data.length;
  }

  /** A length-prefixed UTF-8 string. */
  string(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; write after a slot, then fix the prefix.
    const max = s.length * 3;
    if (max < 0x80) {
      this.#ensure(1 + max);
      const n = this.#buf.write(s, this.#pos + 1, 'utf8');
      this.#buf[this.#pos] = n;
      this.#pos += 1 + n;
      return;
    }
    const b = Buffer.from(s, 'utf8');
    this.varint(b.length);
    this.bytes(b);
  }

  /** Fixed-width little-endian values. */
  fixed32(v: number, signed: boolean): void {
    this.#ensure(4);
    if (signed) this.#buf.writeInt32LE(v, this.#pos);
    else this.#buf.writeUInt32LE(v, this.#pos);
    this.#pos += 4;
  }

  fixed64(v: bigint, signed: boolean): void {
    this.#ensure(8);
    if (signed) this.#buf.writeBigInt64LE(v, this.#pos);
    else this.#buf.writeBigUInt64LE(v, this.#pos);
    this.#pos += 8;
  }

  /** Starts a length-delimited body; returns a mark for {@link endDelimited}. */
  beginDelimited(): number {
    this.#ensure(1);
    return this.#pos++;
  }

  /** Ends the body started at `mark`: writes its length, moving the body if the length needs more than one byte. */
  endDelimited(mark: number): void {
    const len = this.#pos - mark - 1;
    if (len < 0x80) {
      this.#buf[mark] = len;
      return;
    }
    let extra = 0;
    for (let v = len; v >= 0x80; v = Math.floor(v / 0x80)) extra++;
    this.#ensure(extra);
    this.#buf.copyWithin(mark + 1 + extra, mark + 1, this.#pos);
    const end = this.#pos + extra;
    this.#pos = mark;
    this.varint(len);
    this.#pos = end;
  }

  /** The bytes written (a view of the writer's buffer; the writer is done with). */
  finish(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }
}
