import { FsError } from '../../../errors/index.js';
import type { XattropOp } from '../../../fop/index.js';

/**
 * Adds `delta` to `current` element-wise as big-endian signed 32-bit (add32) or 64-bit (add64)
 * integers, wrapping like the C code does; a missing or shorter current value counts as zeros.
 * The result has `delta`'s length. EINVAL when `delta` is not a whole number of elements.
 */
export function addCounters(op: XattropOp, current: Buffer | undefined, delta: Buffer, xlator: string): Buffer {
  const width = op === 'add32' ? 4 : 8;
  if (delta.length % width !== 0) {
    throw new FsError('EINVAL', `${op} needs a multiple of ${width} bytes, got ${delta.length}`, xlator);
  }
  const out = Buffer.alloc(delta.length);
  for (let off = 0; off < delta.length; off += width) {
    const has = current !== undefined && off + width <= current.length;
    if (width === 4) {
      out.writeInt32BE(((has ? current.readInt32BE(off) : 0) + delta.readInt32BE(off)) | 0, off);
    } else {
      const sum = (has ? current.readBigInt64BE(off) : 0n) + delta.readBigInt64BE(off);
      out.writeBigInt64BE(BigInt.asIntN(64, sum), off);
    }
  }
  return out;
}
