import { FsError } from '../../../errors/index.js';
import type { Gfid } from '../../../fop/index.js';
import { hashName } from './hash.js';

/** Hash-range layout type 0 ("normal hash"), the only one GlusterFS writes today. */
export const LAYOUT_TYPE_HASH = 0;
/** The commit hash of a layout written by self-heal over existing entries: never trusted as complete. */
export const UNCOMMITTED = 0;
const SPACE = 2 ** 32;

/** One subvolume's share of a directory's hash space, as stored in `trusted.glusterfs.dht`. */
export interface Range {
  commit: number;
  type: number;
  start: number;
  /** Inclusive. */
  stop: number;
}

/** A directory's layout: one range per child, by child index; undefined where none is known. */
export type Layout = (Range | undefined)[];

/** The 16-byte xattr value: four big-endian uint32 (commit hash, type, start, stop). */
export function encodeRange(r: Range): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(r.commit >>> 0, 0);
  b.writeUInt32BE(r.type >>> 0, 4);
  b.writeUInt32BE(r.start >>> 0, 8);
  b.writeUInt32BE(r.stop >>> 0, 12);
  return b;
}

/** Parses a `trusted.glusterfs.dht` value. EINVAL when it is not 16 bytes. */
export function decodeRange(buf: Uint8Array): Range {
  if (buf.length !== 16) throw new FsError('EINVAL', `a dht layout xattr has 16 bytes, not ${buf.length}`);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return { commit: b.readUInt32BE(0), type: b.readUInt32BE(4), start: b.readUInt32BE(8), stop: b.readUInt32BE(12) };
}

/**
 * The fresh layout of a directory over `n` children: 2^32 split in equal chunks (the last one
 * taking the remainder), assigned starting at a child chosen by the hash of the directory's GFID
 * so that the first child is not always first (GlusterFS's randomize-hash-range-by-gfid).
 */
export function computeLayout(n: number, gfid: Gfid, commit: number, members?: readonly number[]): Layout {
  const who = members ?? Array.from({ length: n }, (_, i) => i);
  const layout: Layout = new Array(n).fill(undefined);
  if (who.length === 0) return layout;
  const chunk = Math.floor(SPACE / who.length);
  const rot = hashName(gfid) % who.length;
  for (let k = 0; k < who.length; k++) {
    const start = k * chunk;
    const stop = k === who.length - 1 ? SPACE - 1 : start + chunk - 1;
    layout[who[(rot + k) % who.length]] = { commit, type: LAYOUT_TYPE_HASH, start, stop };
  }
  return layout;
}

/** What is wrong with a layout: gaps and double coverage of the hash space, children without a range. */
export interface LayoutCheck {
  holes: number;
  overlaps: number;
  missing: number[];
}

/** Checks that the present ranges cover 0..0xffffffff exactly once. */
export function checkLayout(layout: Layout): LayoutCheck {
  const missing: number[] = [];
  const ranges: Range[] = [];
  layout.forEach((r, i) => (r ? ranges.push(r) : missing.push(i)));
  ranges.sort((a, b) => a.start - b.start);
  let holes = 0;
  let overlaps = 0;
  let next = 0;
  for (const r of ranges) {
    if (r.stop < r.start) continue;
    if (r.start > next) holes++;
    else if (r.start < next) overlaps++;
    next = Math.max(next, r.stop + 1);
  }
  if (next < SPACE) holes++;
  return { holes, overlaps, missing };
}

/** The child whose range holds `hash`, or undefined when the hash falls in a hole. */
export function childForHash(layout: Layout, hash: number): number | undefined {
  for (let i = 0; i < layout.length; i++) {
    const r = layout[i];
    if (r && r.start <= hash && hash <= r.stop) return i;
  }
  return undefined;
}

/**
 * True when every child has a range written with commit hash `commit` and together they cover
 * the space exactly: then a name missing on its hashed child is missing everywhere
 * (what `lookup-optimize` relies on).
 */
export function isCommitted(layout: Layout, commit: number): boolean {
  if (commit === UNCOMMITTED || layout.some((r) => !r || r.commit !== commit)) return false;
  const c = checkLayout(layout);
  return c.holes === 0 && c.overlaps === 0;
}

/** True when both layouts give every child the same range (commit hashes aside). */
export function sameRanges(a: Layout, b: Layout): boolean {
  return a.length === b.length && a.every((r, i) => {
    const o = b[i];
    return r === o || (!!r && !!o && r.start === o.start && r.stop === o.stop && r.type === o.type);
  });
}
