import { FsError } from '../errors/index.js';

/**
 * A bounds-checked cursor over one received frame. Every read past the end is EBADMSG, so a
 * truncated or lying frame is a clean protocol error instead of garbage or an exception deep in
 * a handler. Byte fields come out as zero-copy views of the frame.
 */
export class WireReader {
  /** The frame being read. */
  readonly buf: Buffer;
  /** Offset of the next byte to read. */
  pos: number;
  /** Offset just past the last readable byte. */
  readonly end: number;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Bytes left to read. */
  get left(): number {
    return this.end - this.pos;
  }

  /** Reads one byte. */
  u8(): number {
    this.#need(1);
    return this.buf[this.pos++]!;
  }

  /** Reads a little-endian u16. */
  u16(): number {
    this.#need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  /** Reads a little-endian u32. */
  u32(): number {
    this.#need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** Reads a little-endian i32. */
  i32(): number {
    this.#need(4);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** Reads a little-endian float64. */
  f64(): number {
    this.#need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Reads a little-endian signed 64-bit integer. */
  i64(): bigint {
    this.#need(8);
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A UTF-8 string whose byte length is a prefix of `lenBytes` bytes. */
  str(lenBytes: 1 | 2 | 4): string {
    const n = lenBytes === 1 ? this.u8() : lenBytes === 2 ? this.u16() : this.u32();
    this.#need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** `n` raw bytes as a view of the frame (no copy). */
  bytes(n: number): Buffer {
    this.#need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  #need(n: number): void {
    if (this.pos + n > this.end) throw new FsError('EBADMSG', `frame truncated: need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`);
  }
}
