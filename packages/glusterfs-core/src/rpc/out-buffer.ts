import { FsError } from '../errors/index.js';

/** Size of a fresh slab; small frames of one event-loop turn share one. */
const SLAB_BYTES = 64 * 1024;
/** Buffers at least this big travel as their own write piece instead of being copied. */
const RAW_MIN_BYTES = 4096;

interface Mark {
  slab: Buffer;
  start: number;
  pos: number;
  pieces: number;
  bytes: number;
}

/**
 * The outgoing bytes of one connection: frames are encoded straight into a shared slab, and
 * large Buffers are queued as separate pieces without copying, so one flush per event-loop turn
 * hands the socket a short list (one writev) however many calls were made. Bytes already taken
 * are never overwritten: later frames continue after them in the same slab.
 */
export class OutBuffer {
  #slab: Buffer = Buffer.allocUnsafeSlow(SLAB_BYTES);
  /** Start of the segment not yet committed to #pieces. */
  #start = 0;
  #pos = 0;
  #pieces: Buffer[] = [];
  #bytes = 0;
  /** Where the current frame's length prefix sits, patched by endFrame. */
  #frameSlab: Buffer | null = null;
  #frameOff = 0;
  #frameMark: Mark | null = null;

  /** Bytes queued and not yet taken. */
  get size(): number {
    return this.#bytes + this.#pos - this.#start;
  }

  /** Starts a frame: a u32 length placeholder, then `type` and `id`. */
  beginFrame(type: number, id: number): void {
    if (this.#frameMark) throw new Error('OutBuffer: frame already open');
    this.ensure(9);
    this.#frameMark = this.#mark();
    this.#frameSlab = this.#slab;
    this.#frameOff = this.#pos;
    this.#pos += 4;
    this.u8(type);
    this.u32(id);
  }

  /** Closes the open frame, writing its length prefix. Frames over `maxBytes` are EMSGSIZE-like EINVAL. */
  endFrame(maxBytes: number): void {
    const mark = this.#frameMark!;
    const len = this.size - mark.bytes - (mark.pos - mark.start) - 4;
    if (len > maxBytes) {
      this.abortFrame();
      throw new FsError('EINVAL', `message of ${len} bytes exceeds the frame limit of ${maxBytes}`);
    }
    this.#frameSlab!.writeUInt32LE(len, this.#frameOff);
    this.#frameMark = null;
    this.#frameSlab = null;
  }

  /** Drops everything written since beginFrame (an unencodable value). */
  abortFrame(): void {
    const m = this.#frameMark;
    if (!m) return;
    this.#pieces.length = m.pieces;
    this.#slab = m.slab;
    this.#start = m.start;
    this.#pos = m.pos;
    this.#bytes = m.bytes;
    this.#frameMark = null;
    this.#frameSlab = null;
  }

  /** Hands out everything queued as write pieces and starts an empty queue. */
  take(): Buffer[] {
    this.#commit();
    const out = this.#pieces;
    this.#pieces = [];
    this.#bytes = 0;
    return out;
  }

  /** Appends one byte. */
  u8(v: number): void {
    this.ensure(1);
    this.#slab[this.#pos++] = v;
  }

  /** Appends a little-endian u16. */
  u16(v: number): void {
    this.ensure(2);
    this.#pos = this.#slab.writeUInt16LE(v, this.#pos);
  }

  /** Appends a little-endian u32. */
  u32(v: number): void {
    this.ensure(4);
    this.#pos = this.#slab.writeUInt32LE(v, this.#pos);
  }

  /** Appends a little-endian i32. */
  i32(v: number): void {
    this.ensure(4);
    this.#pos = this.#slab.writeInt32LE(v, this.#pos);
  }

  /** Appends a little-endian float64. */
  f64(v: number): void {
    this.ensure(8);
    this.#pos = this.#slab.writeDoubleLE(v, this.#pos);
  }

  /** Appends a little-endian signed 64-bit integer. */
  i64(v: bigint): void {
    this.ensure(8);
    this.#pos = this.#slab.writeBigInt64LE(v, this.#pos);
  }

  /** A UTF-8 string after a length prefix of `lenBytes` (1, 2 or 4) bytes. */
  str(s: string, lenBytes: 1 | 2 | 4): void {
    const max = lenBytes === 4 ? 0xffffffff : lenBytes === 2 ? 0xffff : 0xff;
    this.ensure(lenBytes + s.length * 3);
    const at = this.#pos + lenBytes;
    const n = s.length < 48 ? this.#asciiWrite(s, at) : -1;
    const len = n >= 0 ? n : this.#slab.write(s, at, 'utf8');
    if (len > max) throw new FsError('EINVAL', `string of ${len} bytes is too long for its field`);
    if (lenBytes === 1) this.#slab[this.#pos] = len;
    else if (lenBytes === 2) this.#slab.writeUInt16LE(len, this.#pos);
    else this.#slab.writeUInt32LE(len, this.#pos);
    this.#pos = at + len;
  }

  /** Raw bytes after a u32 length; big ones are queued by reference, not copied. */
  bytes(b: Uint8Array): void {
    this.u32(b.length);
    if (b.length < RAW_MIN_BYTES) {
      this.ensure(b.length);
      this.#slab.set(b, this.#pos);
      this.#pos += b.length;
      return;
    }
    this.#commit();
    this.#pieces.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.length));
    this.#bytes += b.length;
  }

  /** Makes room for `n` more bytes in the current segment. */
  ensure(n: number): void {
    if (this.#pos + n <= this.#slab.length) return;
    const used = this.#pos - this.#start;
    const next = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, used + n + (used >> 1)));
    this.#slab.copy(next, 0, this.#start, this.#pos);
    if (this.#frameSlab === this.#slab && this.#frameOff >= this.#start) {
      this.#frameSlab = next;
      this.#frameOff -= this.#start;
    }
    this.#slab = next;
    this.#start = 0;
    this.#pos = used;
  }

  #asciiWrite(s: string, at: number): number {
    const slab = this.#slab;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return -1;
      slab[at + i] = c;
    }
    return s.length;
  }

  #commit(): void {
    if (this.#pos === this.#start) return;
    this.#pieces.push(this.#slab.subarray(this.#start, this.#pos));
    this.#bytes += this.#pos - this.#start;
    this.#start = this.#pos;
  }

  #mark(): Mark {
    return { slab: this.#slab, start: this.#start, pos: this.#pos, pieces: this.#pieces.length, bytes: this.#bytes };
  }
}
