import { FsError } from '../../../errors/index.js';
import type { XattropOp } from '../../../fop/index.js';

/**
 * Element-wise addition behind `xattrop`: `current` (absent = zeros) plus `delta`, both arrays
 * of big-endian signed integers (int32 for `add32`, int64 for `add64`), wrapping on overflow.
 * The result is as long as the longer input, so a counter array can grow but never loses
 * elements. EINVAL when a length is not a multiple of the element width.
 */
export function addCounters(op: XattropOp, current: Buffer | null, delta: Buffer): Buffer {
  const width = op === 'add64' ? 8 : 4;
  const cur = current ?? Buffer.alloc(0);
  if (delta.length % width !== 0 || cur.length % width !== 0) {
    throw new FsError('EINVAL', `${op} needs values made of ${width}-byte integers`);
  }
  const out = Buffer.alloc(Math.max(cur.length, delta.length));
  for (let i = 0; i < out.length; i += width) {
    if (width === 4) {
      const a = i < cur.length ? cur.readInt32BE(i) : 0;
      const d = i < delta.length ? delta.readInt32BE(i) : 0;
      out.writeInt32BE((a + d) | 0, i);
    } else {
      const a = i < cur.length ? cur.readBigInt64BE(i) : 0n;
      const d = i < delta.length ? delta.readBigInt64BE(i) : 0n;
      out.writeBigInt64BE(BigInt.asIntN(64, a + d), i);
    }
  }
  return out;
}

/** True when every byte of `buf` is zero (an xattrop that only reads the counters). */
export function isZero(buf: Buffer): boolean {
  for (const byte of buf) if (byte !== 0) return false;
  return true;
}
