import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writevSync } from 'node:fs';
import type { Gfid, JournalCursor } from 'glusterfs-core';
import { DirTree } from './dir-tree.js';
import { Segment } from './segment.js';
import { Shard } from './shard.js';
import { TRIGRAM_KEYS } from './trigram.js';

const MAGIC = 'GLOCATE2';

/** What a shard file holds besides the names. */
export interface ShardMeta {
  /** The journal position the shard reflects (null: the journal was off). */
  cursor: JournalCursor | null;
  /** Full crawls this brick's index has done over its life. */
  crawls: number;
  /** When the last full crawl finished, ms since the epoch. */
  crawledAt: number;
}

/** A loaded shard file. */
export interface StoredShard {
  meta: ShardMeta;
  shard: Shard;
  dirs: DirTree;
}

/** Where a brick keeps its shard: `BRICK/.glusterfs/glocate/shard.bin`. */
export function shardFile(brick: string): string {
  return `${brick}/.glusterfs/glocate/shard.bin`;
}

/**
 * Writes the shard atomically (a temp file, fsync, rename) next to the brick's other
 * metadata. Layout: `GLOCATE1`, a u32 header length, a JSON header (meta, section table, the
 * delta and the directory tree), then the sections, each 4-byte aligned: the UTF-8 heap, the
 * directory bitmap, the trigram keys in use with their posting counts, the postings (u32,
 * little-endian), tombstones (u32).
 */
export function saveShard(brick: string, s: StoredShard): number {
  const p = s.shard.base.parts;
  const raw: [string, Uint8Array][] = [
    ['heap', Buffer.from(p.heap, 'utf8')],
    ['dirs', p.dirs],
    ...sparseKeys(p.keyStart),
    ['postings', bytes(p.postings)],
    ['tombs', bytes(s.shard.tombstones())],
  ];
  const sections: Record<string, [number, number]> = {};
  let at = 0;
  const bufs: Uint8Array[] = [];
  for (const [name, b] of raw) {
    sections[name] = [at, b.byteLength];
    const pad = (4 - (b.byteLength % 4)) % 4;
    bufs.push(b, new Uint8Array(pad));
    at += b.byteLength + pad;
  }
  const header = Buffer.from(JSON.stringify({
    ...s.meta, count: s.shard.base.count, sections, delta: s.shard.delta(), dirs: s.dirs.entries(),
  }));
  const pre = Buffer.alloc(12);
  pre.write(MAGIC, 0, 'latin1');
  const headerLen = header.length + ((4 - (header.length % 4)) % 4);
  pre.writeUInt32LE(headerLen, 8);
  const file = shardFile(brick);
  mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writevSync(fd, [pre, header, Buffer.alloc(headerLen - header.length, 0x20), ...bufs]);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return 12 + headerLen + at;
}

/** Reads a brick's shard file; null when there is none or it is not one this code wrote. */
export function loadShard(brick: string): StoredShard | null {
  let buf: Buffer;
  try {
    buf = readFileSync(shardFile(brick));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return null;
  const headerLen = buf.readUInt32LE(8);
  const h = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as ShardMeta & {
    count: number; sections: Record<string, [number, number]>; delta: [string, boolean][]; dirs: [Gfid, Gfid, string][];
  };
  const base = 12 + headerLen;
  const section = (name: string) => {
    const [off, len] = h.sections[name]!;
    return buf.subarray(base + off, base + off + len);
  };
  const heap = section('heap').toString('utf8');
  const offsets = new Uint32Array(h.count + 1);
  for (let i = 0, at = 0; i < h.count; i++) {
    offsets[i] = at;
    const end = heap.indexOf('\0', at);
    at = end < 0 ? heap.length + 1 : end + 1;
  }
  offsets[h.count] = heap.length + 1;
  const seg = new Segment({
    heap, offsets, dirs: new Uint8Array(section('dirs')), keyStart: denseKeys(u32(section('keys')), u32(section('counts'))), postings: u32(section('postings')),
  });
  return {
    meta: { cursor: h.cursor, crawls: h.crawls, crawledAt: h.crawledAt },
    shard: new Shard(seg, u32(section('tombs')), h.delta),
    dirs: new DirTree(h.dirs),
  };
}

/** The key table as (key, count) pairs for the keys in use: most of the 2M keys are empty. */
function sparseKeys(keyStart: Uint32Array): [string, Uint8Array][] {
  const keys: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < TRIGRAM_KEYS; k++) {
    const c = keyStart[k + 1]! - keyStart[k]!;
    if (c === 0) continue;
    keys.push(k);
    counts.push(c);
  }
  return [['keys', bytes(Uint32Array.from(keys))], ['counts', bytes(Uint32Array.from(counts))]];
}

function denseKeys(keys: Uint32Array, counts: Uint32Array): Uint32Array {
  const keyStart = new Uint32Array(TRIGRAM_KEYS + 1);
  for (let i = 0; i < keys.length; i++) keyStart[keys[i]! + 1] = counts[i]!;
  for (let k = 0; k < TRIGRAM_KEYS; k++) keyStart[k + 1]! += keyStart[k]!;
  return keyStart;
}

function bytes(a: Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function u32(b: Buffer): Uint32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Uint32Array(copy.buffer);
}
