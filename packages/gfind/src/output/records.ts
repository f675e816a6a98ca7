import { writeFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { RECORD_FIELDS, type RecordColumns } from '../crawl/index.js';

/** One record as a JSON line: mode in octal, times as ISO 8601 with milliseconds. */
export function jsonLines(c: RecordColumns): string {
  let out = '';
  for (let i = 0; i < c.path.length; i++) {
    out += JSON.stringify({
      path: c.path[i], type: c.type[i], size: c.size[i], mode: c.mode[i].toString(8).padStart(4, '0'), uid: c.uid[i],
      gid: c.gid[i], nlink: c.nlink[i], mtime: iso(c.mtime[i]), atime: iso(c.atime[i]), ctime: iso(c.ctime[i]),
      ino: c.ino[i], gfid: c.gfid[i], depth: c.depth[i], target: c.target[i] || undefined, brick: c.brick[i],
    }) + '\n';
  }
  return out;
}

function iso(sec: number): string {
  return new Date(sec * 1000).toISOString();
}

/** Appends `more` to `all`, column by column. */
export function appendColumns(all: RecordColumns, more: RecordColumns): void {
  for (const f of RECORD_FIELDS) (all[f] as unknown[]).push(...(more[f] as unknown[]));
}

/**
 * Writes the records as a Parquet file: strings as UTF8, size and inode as INT64, mode, ids,
 * links and depth as INT32, times as TIMESTAMP (milliseconds).
 */
export function writeParquet(file: string, c: RecordColumns): void {
  const ms = (xs: number[]) => xs.map((s) => new Date(Math.round(s * 1000)));
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'path', data: c.path, type: 'STRING' },
      { name: 'type', data: c.type, type: 'STRING' },
      { name: 'size', data: c.size.map(BigInt), type: 'INT64' },
      { name: 'mode', data: c.mode, type: 'INT32' },
      { name: 'uid', data: c.uid, type: 'INT32' },
      { name: 'gid', data: c.gid, type: 'INT32' },
      { name: 'nlink', data: c.nlink, type: 'INT32' },
      { name: 'mtime', data: ms(c.mtime), type: 'TIMESTAMP' },
      { name: 'atime', data: ms(c.atime), type: 'TIMESTAMP' },
      { name: 'ctime', data: ms(c.ctime), type: 'TIMESTAMP' },
      { name: 'ino', data: c.ino.map((s) => BigInt.asIntN(64, BigInt(s || 0))), type: 'INT64' },
      { name: 'gfid', data: c.gfid, type: 'STRING' },
      { name: 'depth', data: c.depth, type: 'INT32' },
      { name: 'target', data: c.target, type: 'STRING' },
      { name: 'brick', data: c.brick, type: 'STRING' },
    ],
  });
  writeFileSync(file, new Uint8Array(buf));
}

/** Writes the records as an Arrow IPC file (same columns; times as Float64 seconds since the epoch). */
export function writeArrow(file: string, c: RecordColumns): void {
  const table = tableFromArrays({
    path: c.path, type: c.type, size: Float64Array.from(c.size), mode: Int32Array.from(c.mode), uid: Int32Array.from(c.uid),
    gid: Int32Array.from(c.gid), nlink: Int32Array.from(c.nlink), mtime: Float64Array.from(c.mtime),
    atime: Float64Array.from(c.atime), ctime: Float64Array.from(c.ctime), ino: c.ino, gfid: c.gfid,
    depth: Int32Array.from(c.depth), target: c.target, brick: c.brick,
  });
  writeFileSync(file, tableToIPC(table, 'file'));
}
