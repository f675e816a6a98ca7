import { crc32c } from '@node-rs/crc32';

/** Bytes per volume read while composing (a multiple of the chunk size). */
const READ_UNIT = 1024 * 1024;

/**
 * A COMPOSITE_CRC block checksum (`dfs.checksum.combine.mode=COMPOSITE_CRC`, HDFS-13056): one
 * big-endian CRC32C per `stripeLength` bytes of the first `length` bytes of the block, the last
 * stripe possibly short; `stripeLength` 0 or over `length` means one CRC for all of it, which
 * is what a Java client asks for on a replicated file.
 *
 * HDFS's datanode composes the CRCs it stored per 512-byte chunk with CrcComposer: crc(A‖B) =
 * crc(A)·x^(8·|B|) ⊕ crc(B) in GF(2)[x] modulo the CRC32C polynomial. With CRC32C's all-ones
 * initial value and final XOR the two all-ones terms cancel, so that composition equals the
 * CRC32C of the concatenated bytes (checked here: a minicluster's `hadoop fs -checksum` in this
 * mode prints the CRC32C of the whole file). The bytes are here and no chunk CRCs are stored,
 * so each stripe's CRC is computed over its bytes directly, carrying the running CRC across
 * reads. `read` is called with successive (offset, length) ranges of at most 1 MiB; a short
 * read means the file shrank and ends the range.
 */
export async function compositeCrcs(length: number, stripeLength: number, read: (offset: number, length: number) => Promise<Buffer>): Promise<Buffer> {
  const stripe = stripeLength <= 0 || stripeLength > length ? length : stripeLength;
  // Reads stop at stripe ends, so each read belongs to one stripe; the next is issued first.
  const span = (pos: number) => Math.min(READ_UNIT, length - pos, stripe - (pos % stripe));
  const out: Buffer[] = [];
  let crc = 0;
  let stripeStart = 0;
  let pos = 0;
  let pending = length > 0 ? read(0, span(0)) : undefined;
  while (pending) {
    const want = span(pos);
    const data = await pending;
    pos += data.length;
    pending = data.length === want && pos < length ? read(pos, span(pos)) : undefined;
    crc = crc32c(data, crc);
    if (pos > stripeStart && (pos - stripeStart === stripe || !pending)) {
      out.push(crcBytes(crc));
      crc = 0;
      stripeStart = pos;
    }
  }
  return Buffer.concat(out);
}

function crcBytes(crc: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(crc >>> 0, 0);
  return b;
}
