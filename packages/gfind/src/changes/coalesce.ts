import { S_IFMT, S_IFREG, S_ISVTX, type Gfid } from 'glusterfs-core';
import type { ChangeOp, ChangeType, EntryName, NamedChange } from './types.js';

/** What coalescing reads of a journal record (the fields of core's `JournalRecord` it needs). */
export interface CoalesceRecord {
  op: string;
  gfid: Gfid;
  ts: number;
  entry?: EntryName;
  to?: EntryName;
  mode?: number;
  /** The record is about a DHT link file (core flags it): names still count, the inode is not output. */
  dhtLink?: boolean;
}

/** One name an inode had or got during the window: where it started and where it ended. */
interface Track {
  /** The name at the window's start (absent: the name appeared during the window). */
  origin?: EntryName;
  /** The name now (absent: the name went away). */
  current?: EntryName;
  /** The last name it had (to recognise a removal already counted when a rename displaced it). */
  last: EntryName;
  /** When `current` was set or removed: the change is ordered there. */
  ts: number;
  seq: number;
}

interface Inode {
  gfid: Gfid;
  created: boolean;
  /** A DHT link file (sticky, no permissions): a pointer to where the data lives, not a change. */
  linkfile: boolean;
  type?: ChangeType;
  tracks: Track[];
  modified?: { ts: number; seq: number };
}

const CREATE_OPS = new Set(['CREATE', 'MKDIR', 'MKNOD', 'SYMLINK']);
const DATA_META_OPS = new Set(['WRITE', 'TRUNCATE', 'SETATTR', 'SETXATTR', 'REMOVEXATTR', 'CLOSE_WRITE']);
const LINKFILE_MODE = S_IFREG | S_ISVTX;
/** Within one instant, a displaced name goes before the rename onto it, and a modification after it. */
const OP_RANK: Record<ChangeOp, number> = { DELETE: 0, RENAME: 1, NEW: 2, MODIFY: 3 };

/**
 * Coalesces one brick's journal records (in journal order) into one set of changes per inode,
 * as glusterfind reports them:
 * - a name created in the window is one NEW where it ended up (a create then renames is one
 *   NEW at the last name; writes to it add nothing); created then removed is nothing;
 * - a name that existed before is a RENAME from its first to its last name (a chain a→b→c is
 *   one RENAME a c; renamed back is nothing), or a DELETE of its first name;
 * - a rename onto a name the window knows another inode held is a DELETE of that inode's name;
 * - data or metadata changes of an inode that existed before are one MODIFY at its current
 *   name, after its RENAME (nothing when it was deleted: the DELETE says it);
 * - hard links are names of their own (LINK is a NEW, an unlink of one of them a DELETE).
 * DHT link files are left out. The result is ordered by time of the change.
 */
export function coalesceRecords(records: readonly CoalesceRecord[]): NamedChange[] {
  const inodes = new Map<Gfid, Inode>();
  const holders = new Map<string, Gfid>();
  records.forEach((r, seq) => {
    let ino = inodes.get(r.gfid);
    if (!ino) inodes.set(r.gfid, (ino = { gfid: r.gfid, created: false, linkfile: false, tracks: [] }));
    applyRecord(ino, r, seq, { inodes, holders });
  });
  const out: NamedChange[] = [];
  for (const ino of inodes.values()) if (!ino.linkfile) out.push(...changesOf(ino));
  return out.sort(byTime);
}

/** Orders changes by time, then journal position, then DELETE < RENAME < NEW < MODIFY. */
export function byTime(a: { ts: number; seq: number; op: ChangeOp }, b: { ts: number; seq: number; op: ChangeOp }): number {
  return a.ts - b.ts || a.seq - b.seq || OP_RANK[a.op] - OP_RANK[b.op];
}

interface Names {
  inodes: Map<Gfid, Inode>;
  /** Which inode holds a name now, as far as the window has seen. */
  holders: Map<string, Gfid>;
}

function applyRecord(ino: Inode, r: CoalesceRecord, seq: number, names: Names): void {
  // A link file's names still displace what the set had there (a rename onto a name replaces it).
  if (r.dhtLink) ino.linkfile = true;
  if (CREATE_OPS.has(r.op) && r.entry) {
    ino.created = true;
    ino.type = r.op === 'MKDIR' ? 'd' : typeOfMode(r.mode);
    if (r.mode === LINKFILE_MODE) ino.linkfile = true;
    addName(ino, r.entry, r.ts, seq, names);
  } else if (r.op === 'LINK' && r.entry) {
    addName(ino, r.entry, r.ts, seq, names);
  } else if (r.op === 'RENAME' && r.entry && r.to) {
    renameName(ino, r.entry, r.to, r.ts, seq, names);
  } else if ((r.op === 'UNLINK' || r.op === 'RMDIR') && r.entry) {
    if (r.op === 'RMDIR') ino.type = 'd';
    removeName(ino, r.entry, r.ts, seq, names);
  } else if (DATA_META_OPS.has(r.op)) {
    ino.modified ??= { ts: r.ts, seq };
  }
}

function addName(ino: Inode, at: EntryName, ts: number, seq: number, names: Names): void {
  displace(ino, at, ts, seq, names);
  ino.tracks.push({ current: at, last: at, ts, seq });
}

function renameName(ino: Inode, from: EntryName, to: EntryName, ts: number, seq: number, names: Names): void {
  names.holders.delete(key(from));
  displace(ino, to, ts, seq, names);
  const track = ino.tracks.find((t) => t.current && same(t.current, from));
  if (track) Object.assign(track, { current: to, last: to, ts, seq });
  else ino.tracks.push({ origin: from, current: to, last: to, ts, seq });
  // glusterfind reports a modification after the rename, at the new name.
  if (ino.modified) ino.modified = { ts, seq };
}

function removeName(ino: Inode, at: EntryName, ts: number, seq: number, names: Names): void {
  if (names.holders.get(key(at)) === ino.gfid) names.holders.delete(key(at));
  const track = ino.tracks.find((t) => t.current && same(t.current, at));
  if (track) Object.assign(track, { current: undefined, ts, seq });
  // Already gone: a rename onto the name displaced it (the journal may also say unlink).
  else if (ino.tracks.some((t) => !t.current && same(t.last, at))) return;
  else ino.tracks.push({ origin: at, last: at, ts, seq });
}

/** A name taken by `ino` stops being another inode's name. */
function displace(ino: Inode, at: EntryName, ts: number, seq: number, names: Names): void {
  const holder = names.holders.get(key(at));
  names.holders.set(key(at), ino.gfid);
  if (holder === undefined || holder === ino.gfid) return;
  const other = names.inodes.get(holder)?.tracks.find((t) => t.current && same(t.current, at));
  if (other) Object.assign(other, { current: undefined, ts, seq });
}

function changesOf(ino: Inode): NamedChange[] {
  const out: NamedChange[] = [];
  const base = { gfid: ino.gfid, ...(ino.type ? { type: ino.type } : {}) };
  for (const t of ino.tracks) {
    const at = { ts: t.ts, seq: t.seq };
    if (!t.origin && t.current) out.push({ op: 'NEW', ...base, name: t.current, ...at });
    else if (t.origin && !t.current) out.push({ op: 'DELETE', ...base, name: t.origin, ...at });
    else if (t.origin && t.current && !same(t.origin, t.current)) {
      out.push({ op: 'RENAME', ...base, name: t.origin, to: t.current, ...at });
    }
  }
  if (ino.modified && !ino.created) {
    const living = ino.tracks.find((t) => t.current);
    // No name seen in the window: the brick resolves the GFID to its path.
    if (living || ino.tracks.length === 0) {
      out.push({ op: 'MODIFY', ...base, ...(living ? { name: living.current } : {}), ...ino.modified });
    }
  }
  return out;
}

function typeOfMode(mode: number | undefined): ChangeType | undefined {
  if (mode === undefined) return undefined;
  return MODE_TYPES[(mode & S_IFMT) >> 12];
}

const MODE_TYPES: Record<number, ChangeType> = { 0o1: 'p', 0o2: 'c', 0o4: 'd', 0o6: 'b', 0o10: 'f', 0o12: 'l', 0o14: 's' };

function key(n: EntryName): string {
  return n.pargfid + '/' + n.name;
}

function same(a: EntryName, b: EntryName): boolean {
  return a.pargfid === b.pargfid && a.name === b.name;
}
