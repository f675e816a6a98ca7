import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { FsError } from '../errors/index.js';
import { journalFileStart, parseRecord } from './format.js';
import type { JournalCursor, JournalRecord } from './types.js';

/** The brick's journal directory. */
export function journalDir(brick: string): string {
  return `${brick}/.glusterfs/changelogs`;
}

/** The journal files of a brick, oldest first (none when the journal never ran). */
export function journalFiles(brick: string): string[] {
  return journalFilesIn(journalDir(brick));
}

/** The journal files in journal directory `dir`, oldest first (what the writer prunes). */
export function journalFilesIn(dir: string): string[] {
  return namesIn(dir).filter((n) => journalFileStart(n) !== null).sort();
}

/** The names in `dir`; none when it does not exist (yet). */
export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw FsError.from(e);
  }
}

/** What one {@link readJournal} call returns. */
export interface JournalBatch {
  records: JournalRecord[];
  /** Where the next call starts: after the last record returned (or `from` when none). */
  next: JournalCursor;
  /**
   * True when records between `from` and the first one returned are gone: `from`'s file was
   * pruned (or the journal was reset). A consumer that must see every change rebuilds.
   */
  gap: boolean;
}

/** Options of {@link readJournal}. */
export interface ReadJournalOptions {
  /** At most this many records (default 10,000). */
  limit?: number;
}

const CHUNK = 1 << 20;

/**
 * Reads complete records after `from` (null: from the oldest record kept), in the order the
 * brick recorded them, crossing into newer files as each is exhausted. A partly written last
 * line of the newest file is left for a later call; a torn line in an older file (a crash) is
 * skipped. Synchronous: meant for worker threads next to the brick.
 */
export function readJournal(brick: string, from: JournalCursor | null, opts: ReadJournalOptions = {}): JournalBatch {
  const limit = opts.limit ?? 10_000;
  const files = journalFiles(brick);
  const records: JournalRecord[] = [];
  let next: JournalCursor = from ?? { file: files[0] ?? '', offset: 0 };
  let gap = false;
  let i = from === null ? 0 : files.findIndex((f) => f >= from.file);
  if (i < 0) return { records, next, gap: false };
  if (from !== null && files[i] !== from.file) {
    gap = from.file !== '';
    next = { file: files[i]!, offset: 0 };
  }
  for (; i < files.length && records.length < limit; i++) {
    const file = files[i]!;
    const start = file === next.file ? next.offset : 0;
    const end = readFile(brick, file, start, limit - records.length, records);
    const newest = i === files.length - 1;
    // An older file read to its end is done, even with a torn last line (a crash mid-write).
    if (end.eof && !newest) {
      next = { file: files[i + 1]!, offset: 0 };
      continue;
    }
    next = { file, offset: end.offset };
    break;
  }
  return { records, next, gap };
}

/**
 * Appends the records of `file` from byte `offset` to `out`, up to `room`; returns the cursor
 * offset after the last one taken and whether the file was read to its end.
 */
function readFile(brick: string, file: string, offset: number, room: number, out: JournalRecord[]): { offset: number; eof: boolean } {
  let fd: number;
  try {
    fd = openSync(`${journalDir(brick)}/${file}`, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { offset, eof: true }; // pruned meanwhile
    throw FsError.from(e);
  }
  try {
    let pos = offset;
    let carry = Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, pos + carry.length);
      if (n === 0) return { offset: pos, eof: true };
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let lineStart = 0;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, lineStart)) {
        const line = data.toString('utf8', lineStart, nl);
        const rec = parseRecord(line, { file, offset: pos + nl + 1 });
        lineStart = nl + 1;
        if (rec) out.push(rec);
        if (out.length >= room) return { offset: pos + lineStart, eof: false };
      }
      pos += lineStart;
      carry = Buffer.from(data.subarray(lineStart));
    }
  } finally {
    closeSync(fd);
  }
}

/** The cursor after the last complete record written so far (where a consumer that wants only new changes starts). */
export function journalHead(brick: string): JournalCursor {
  const files = journalFiles(brick);
  const file = files[files.length - 1];
  if (file === undefined) return { file: '', offset: 0 };
  let cursor: JournalCursor = { file, offset: 0 };
  for (;;) {
    const b = readJournal(brick, cursor, { limit: 100_000 });
    if (b.records.length === 0) return b.next;
    cursor = b.next;
  }
}

/** The cursor just before the first record recorded at or after `ts` (ms since the epoch). */
export function cursorAt(brick: string, ts: number): JournalCursor {
  const files = journalFiles(brick);
  let i = files.length - 1;
  while (i > 0 && journalFileStart(files[i]!)! > ts) i--;
  if (i < 0) return { file: '', offset: 0 };
  let cursor: JournalCursor = { file: files[i]!, offset: 0 };
  for (;;) {
    const b = readJournal(brick, cursor, { limit: 10_000 });
    if (b.records.length === 0) return b.next;
    let before = cursor;
    for (const r of b.records) {
      if (r.ts >= ts) return before;
      before = r.next;
    }
    cursor = b.next;
  }
}

/** Orders two cursors: negative when `a` comes first. */
export function compareCursors(a: JournalCursor, b: JournalCursor): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.offset - b.offset;
}
