import type { JournalCursor, JournalEntryName, JournalKind, JournalOp, JournalRecord } from './types.js';

/** Journal file names: `CHANGELOG.` and the file's start time in ms, 16 digits, so names sort by time. */
export const JOURNAL_FILE_PREFIX = 'CHANGELOG.';

/** The journal file name for a file started at `ms`. */
export function journalFileName(ms: number): string {
  return JOURNAL_FILE_PREFIX + String(ms).padStart(16, '0');
}

/** The start time of a journal file, or null when `name` is not one. */
export function journalFileStart(name: string): number | null {
  if (!name.startsWith(JOURNAL_FILE_PREFIX)) return null;
  const digits = name.slice(JOURNAL_FILE_PREFIX.length);
  return /^\d{16}$/.test(digits) ? Number(digits) : null;
}

/** A record as the writer receives it (no cursor yet). */
export type NewRecord = Omit<JournalRecord, 'next'>;

const KIND_OF: Record<JournalOp, JournalKind> = {
  CREATE: 'E', MKDIR: 'E', MKNOD: 'E', SYMLINK: 'E', LINK: 'E', RENAME: 'E', UNLINK: 'E', RMDIR: 'E',
  WRITE: 'D', TRUNCATE: 'D',
  SETATTR: 'M', SETXATTR: 'M', REMOVEXATTR: 'M', CLOSE_WRITE: 'M',
};

/** The record kind (E/D/M) of an operation. */
export function kindOf(op: JournalOp): JournalKind {
  return KIND_OF[op];
}

const NEW_INODE = new Set<JournalOp>(['CREATE', 'MKDIR', 'MKNOD', 'SYMLINK']);

/**
 * One record as one line: `<ts> <kind> <gfid> <op> [args] <flags>`. Entry names are
 * percent-encoded so a name with spaces or newlines stays one field; flags are `p` (primary),
 * `h` (heal), `l` (DHT link file), or `-` for none.
 */
export function encodeRecord(r: NewRecord): string {
  let line = `${r.ts} ${r.kind} ${r.gfid} ${r.op}`;
  if (NEW_INODE.has(r.op)) line += ` ${(r.mode ?? 0).toString(8)} ${r.uid ?? 0} ${r.gid ?? 0}`;
  if (r.entry) line += ' ' + encodeName(r.entry);
  if (r.to) line += ' ' + encodeName(r.to);
  const flags = (r.primary ? 'p' : '') + (r.heal ? 'h' : '') + (r.dhtLink ? 'l' : '');
  return `${line} ${flags || '-'}\n`;
}

function encodeName(e: JournalEntryName): string {
  return `${e.pargfid}/${encodeURIComponent(e.name)}`;
}

/**
 * Parses one line (without its newline) written by {@link encodeRecord}; `next` is where the
 * line ends. Null for a line that is not a record (a torn write after a crash).
 */
export function parseRecord(line: string, next: JournalCursor): JournalRecord | null {
  const f = line.split(' ');
  if (f.length < 5) return null;
  const ts = Number(f[0]);
  const kind = f[1] as JournalKind;
  const op = f[3] as JournalOp;
  if (!Number.isFinite(ts) || KIND_OF[op] !== kind) return null;
  const flags = f[f.length - 1]!;
  const args = f.slice(4, -1);
  const r: JournalRecord = {
    kind, op, gfid: f[2]!, ts, primary: flags.includes('p'), heal: flags.includes('h'), dhtLink: flags.includes('l'), next,
  };
  if (NEW_INODE.has(op)) {
    if (args.length < 3) return null;
    r.mode = parseInt(args.shift()!, 8);
    r.uid = Number(args.shift());
    r.gid = Number(args.shift());
  }
  if (kind === 'E') {
    const entry = args[0] === undefined ? null : decodeName(args[0]);
    if (!entry) return null;
    r.entry = entry;
    if (op === 'RENAME') {
      const to = args[1] === undefined ? null : decodeName(args[1]);
      if (!to) return null;
      r.to = to;
    }
  }
  return r;
}

function decodeName(field: string): JournalEntryName | null {
  const slash = field.indexOf('/');
  if (slash !== 36) return null;
  try {
    return { pargfid: field.slice(0, 36), name: decodeURIComponent(field.slice(37)) };
  } catch {
    return null;
  }
}
