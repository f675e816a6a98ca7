import { constants } from 'node:fs';
import { isFsError } from '../../../../errors/index.js';
import {
  type CallCtx, type Iatt, type Loc, type Subvol, createFd, isDir, isSymlink, joinPath, permBits,
} from '../../../../fop/index.js';
import { deltaXattrs } from '../changelog.js';
import { inspect, verdictOf } from '../inspect.js';
import type { Counters } from '../pending.js';
import { acquire, release } from '../locks.js';
import type { AfrState } from '../state.js';
import { pathOfGfid } from './gfid-path.js';
import { clearMarks } from './marks.js';

/** An entry a directory heal created on a sink: its contents or data still need healing. */
export interface NewEntry {
  path: string;
  gfid: string;
  source: number;
  dir: boolean;
}

/** What one directory heal did. */
export interface EntryHealOutcome {
  busy: boolean;
  changed: boolean;
  /** Names whose replicas carry different GFIDs or types and no side is known to be right. */
  conflicts: string[];
  created: NewEntry[];
}

/**
 * Entry self-heal of directory `dir`, under a trylock on the whole directory: lists it on every
 * replica, and on each sink creates the names the sources have (same GFID; a file or directory
 * that the sink holds under another name is linked or renamed rather than copied) and removes
 * the names they lack, then takes back the entry marks. Unmarked or mutually blaming replicas
 * are merged conservatively: every name is kept, nothing is removed. `source` forces one
 * replica as the only source (split-brain resolution).
 */
export async function healEntries(st: AfrState, ctx: CallCtx, dir: Loc, full: boolean, source?: number): Promise<EntryHealOutcome> {
  const out: EntryHealOutcome = { busy: false, changed: false, conflicts: [], created: [] };
  let held;
  try {
    held = await acquire(st, ctx, [{ kind: 'entry', loc: dir, name: null }], st.upIndexes(), true);
  } catch (e) {
    if (isFsError(e, 'EAGAIN')) return { ...out, busy: true };
    throw e;
  }
  try {
    const ins = await inspect(st, held.ctx, dir, [], held.on);
    if (ins.replies.size === 0) return out;
    const v = verdictOf(st, ins).entry;
    const present = [...ins.replies.keys()];
    const merge = source === undefined && (!v.marked || v.splitBrain);
    const sources = source !== undefined ? [source] : merge ? present : v.sources;
    const sinks = source !== undefined ? present.filter((i) => i !== source) : merge ? present : v.sinks;
    if (!merge && sinks.length === 0 && !v.dirty && !full) return out;
    const lists = new Map(await Promise.all(present.map(async (i) => [i, await listAll(st.children[i], held.ctx, dir)] as const)));
    for (const s of sinks) {
      await healSink(st, held.ctx, dir, s, sources.filter((i) => i !== s), lists, !merge, out);
    }
    await clearMarks(st, held.ctx, dir, ins, 'entry');
    return out;
  } finally {
    void release(st, held);
  }
}

async function healSink(
  st: AfrState, ctx: CallCtx, dir: Loc, s: number, sources: number[], lists: Map<number, Map<string, Iatt>>, prune: boolean, out: EntryHealOutcome,
): Promise<void> {
  const mine = lists.get(s)!;
  const wanted = new Map<string, { iatt: Iatt; from: number }>();
  for (const i of sources) for (const [name, iatt] of lists.get(i)!) if (!wanted.has(name)) wanted.set(name, { iatt, from: i });
  for (const [name, { iatt, from }] of wanted) {
    const have = mine.get(name);
    const path = joinPath(dir.path, name);
    if (have && have.gfid === iatt.gfid && sameType(have, iatt)) continue;
    if (have) {
      if (!prune) {
        out.conflicts.push(path);
        continue;
      }
      await removeTree(st.children[s], ctx, path, have);
    }
    await createLike(st, ctx, s, from, path, iatt, out);
    out.changed = true;
  }
  if (!prune) return;
  for (const [name, iatt] of mine) {
    if (wanted.has(name)) continue;
    await removeTree(st.children[s], ctx, joinPath(dir.path, name), iatt);
    out.changed = true;
  }
}

const sameType = (a: Iatt, b: Iatt) => (a.mode & constants.S_IFMT) === (b.mode & constants.S_IFMT);

// Creates `path` on sink `s` as the source has it. An inode the sink already holds under
// another name (a rename or hard link made while it was down) is moved or linked, not copied.
async function createLike(st: AfrState, ctx: CallCtx, s: number, from: number, path: string, iatt: Iatt, out: EntryHealOutcome): Promise<void> {
  const c = st.children[s];
  const loc = { path, gfid: iatt.gfid };
  const elsewhere = await pathOfGfid(st, ctx, iatt.gfid, [s]);
  if (elsewhere !== null && elsewhere !== path) {
    if (isDir(iatt)) await c.rename(ctx, { path: elsewhere, gfid: iatt.gfid }, loc);
    else await c.link(ctx, { path: elsewhere, gfid: iatt.gfid }, loc);
    if (isDir(iatt)) out.created.push({ path, gfid: iatt.gfid, source: from, dir: true });
    return;
  }
  // The source blames the new copy before it exists: if the heal of its contents that follows
  // cannot run now (busy), the index still holds it, so an empty copy is never left unmarked.
  await st.children[from].xattrop(ctx, loc, 'add32', deltaXattrs(st, new Map([[s, newEntryMarks(iatt)]]), [0, 0, 0]));
  if (isDir(iatt)) {
    await c.mkdir(ctx, loc, permBits(iatt.mode));
  } else if (isSymlink(iatt)) {
    await c.symlink(ctx, await st.children[from].readlink(ctx, { path, gfid: iatt.gfid }), loc);
  } else {
    const fd = createFd(path, constants.O_WRONLY, false, iatt.gfid);
    await c.create(ctx, loc, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, permBits(iatt.mode), fd);
    await c.release(ctx, fd).catch(() => undefined);
  }
  out.created.push({ path, gfid: iatt.gfid, source: from, dir: isDir(iatt) });
}

function newEntryMarks(iatt: Iatt): Counters {
  return isDir(iatt) ? [0, 1, 1] : isSymlink(iatt) ? [0, 1, 0] : [1, 1, 0];
}

/** Every entry of directory `dir` on one child, by name. */
export async function listAll(c: Subvol, ctx: CallCtx, dir: Loc): Promise<Map<string, Iatt>> {
  const fd = createFd(dir.path, constants.O_RDONLY, true, dir.gfid ?? '');
  await c.opendir(ctx, dir, fd);
  const names = new Map<string, Iatt>();
  try {
    for (let off = 0; ;) {
      const page = await c.readdir(ctx, fd, off, 1024);
      for (const e of page.entries) names.set(e.name, e.iatt);
      if (page.eof || page.entries.length === 0) break;
      off = page.entries[page.entries.length - 1].off;
    }
  } finally {
    await c.releasedir(ctx, fd).catch(() => undefined);
  }
  return names;
}

/** Removes `path` (a whole tree for a directory) from one child only. */
async function removeTree(c: Subvol, ctx: CallCtx, path: string, iatt: Iatt): Promise<void> {
  try {
    if (!isDir(iatt)) return await c.unlink(ctx, { path });
    for (const [name, child] of await listAll(c, ctx, { path })) await removeTree(c, ctx, joinPath(path, name), child);
    await c.rmdir(ctx, { path });
  } catch (e) {
    if (!isFsError(e, 'ENOENT')) throw e;
  }
}
