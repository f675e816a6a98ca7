/**
 * Independent computations of what Hadoop's MapReduce examples and shell print, done here in
 * TypeScript from the bytes a test wrote, so a job's output is checked against something that
 * did not go through Hadoop or the shim.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from '@node-rs/crc32';

/** Hadoop's Text order: raw UTF-8 bytes. */
export function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The `wordcount` example's output for these texts: WordCount tokenizes each line with Java's
 * StringTokenizer (delimiters space, tab, newline, carriage return, form feed), and writes
 * "word\tcount" lines sorted by the word's UTF-8 bytes (one reducer's view; each reducer's part
 * is a sorted slice of it).
 */
export function wordCount(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const w of text.split(/[ \t\n\r\f]+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => byUtf8(a, b)));
}

/**
 * The `grep` example's matches: every `regex` match (Matcher.find, group 0) in each line,
 * counted. The example prints "count\tmatch" by decreasing count (ties in no set order).
 */
export function grepCount(texts: Iterable<string>, regex: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  const global = new RegExp(regex.source, 'g');
  for (const text of texts) {
    for (const line of text.split(/\r\n|\r|\n/)) {
      for (const m of line.matchAll(global)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
  return counts;
}

/** TeraGen's records: 100 bytes each, the first 10 the sort key. */
export const TERA_RECORD = 100;

/** The records of teragen's output files (in part order), split. */
export function teraRecords(parts: Buffer[]): Buffer[] {
  const all = Buffer.concat(parts);
  if (all.length % TERA_RECORD !== 0) throw new Error(`teragen output of ${all.length} bytes is not whole records`);
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += TERA_RECORD) out.push(all.subarray(i, i + TERA_RECORD));
  return out;
}

/** SHA-256 of the records sorted by their 10-byte keys: what terasort's parts, concatenated in order, must hash to. */
export function sortedTeraSha(records: Buffer[]): string {
  const sorted = [...records].sort((a, b) => Buffer.compare(a.subarray(0, 10), b.subarray(0, 10)));
  const h = createHash('sha256');
  for (const r of sorted) h.update(r);
  return h.digest('hex');
}

/**
 * TeraValidate's and TeraChecksum's checksum: the 128-bit sum of every record's CRC32 (Java's
 * PureJavaCrc32), printed as Unsigned16.toString does (hex, no leading zeros).
 */
export function teraChecksum(records: Buffer[]): string {
  let sum = 0n;
  for (const r of records) sum += BigInt(crc32(r));
  return BigInt.asUintN(128, sum).toString(16);
}

/**
 * What `hadoop fs -checksum` prints for a file of these bytes written with `blockSize`-byte
 * blocks on HDFS: MD5 over each block's MD5 of its 512-byte chunks' big-endian CRC32C (zero
 * padded as below), behind
 * bytesPerCRC (int) and crcPerBlock (long, 0 for a one-block file), as
 * "MD5-of-<crcPerBlock>MD5-of-512CRC32C\t<hex>".
 */
export function hdfsFileChecksum(data: Buffer, blockSize: number): string {
  const blockMd5s: Buffer[] = [];
  for (let off = 0; off < data.length; off += blockSize) {
    const block = data.subarray(off, Math.min(data.length, off + blockSize));
    const crcs = Buffer.alloc(Math.ceil(block.length / 512) * 4);
    for (let i = 0, c = 0; i < block.length; i += 512, c += 4) crcs.writeUInt32BE(crc32c(block.subarray(i, i + 512)), c);
    blockMd5s.push(createHash('md5').update(crcs).digest());
  }
  const crcPerBlock = blockMd5s.length > 1 ? blockSize / 512 : 0;
  const head = Buffer.alloc(12);
  head.writeUInt32BE(512, 0);
  head.writeBigUInt64BE(BigInt(crcPerBlock), 4);
  // Java digests its DataOutputBuffer's whole backing array (getData, not getLength): the block
  // MD5s followed by zeros up to the buffer's capacity, 32 bytes doubled as it filled.
  let capacity = 32;
  while (capacity < blockMd5s.length * 16) capacity *= 2;
  const padded = Buffer.alloc(capacity);
  Buffer.concat(blockMd5s).copy(padded);
  const md5 = createHash('md5').update(padded).digest();
  return `MD5-of-${crcPerBlock}MD5-of-512CRC32C\t${Buffer.concat([head, md5]).toString('hex')}`;
}
