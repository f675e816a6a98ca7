import { FsError, isFsError } from '../../../../errors/index.js';
import { type CallCtx, type Gfid, type Loc, isDir, isFile, parentPath } from '../../../../fop/index.js';
import { SELF_HEAL_PID, type HealResult } from '../../../../format/index.js';
import { type Inspection, inspect, verdictOf } from '../inspect.js';
import { DATA_RANGE, METADATA_RANGE, acquire, release } from '../locks.js';
import type { AfrState } from '../state.js';
import { copyData } from './data.js';
import { type NewEntry, healEntries } from './entry.js';
import { pathOfGfid, purgeIndex } from './gfid-path.js';
import { clearMarks, owedToAbsent } from './marks.js';
import { copyMetadata, metadataDiffers } from './metadata.js';
import { type ResolveRequest, chooseSource } from './policy.js';

/** What a heal may touch, and how. */
export interface HealOptions {
  /** Compare every replica even where nothing is marked (`heal full`). */
  full: boolean;
  entry: boolean;
  metadata: boolean;
  data: boolean;
  /** Resolve a split-brain with this policy. */
  resolve?: ResolveRequest;
}

/** Every kind, no policy: what the self-heal daemon asks for. */
export const HEAL_ALL: HealOptions = { full: false, entry: true, metadata: true, data: true };

/**
 * Heals one inode, given by path or GFID: first the names of its parent when a replica misses
 * it, then its own names (directories), metadata and data, each under its own trylock (a busy
 * inode is reported `busy`, not waited for). A GFID no replica has any more is dropped from the
 * indexes (`gone`).
 */
export async function healInode(st: AfrState, callerCtx: CallCtx, target: { path?: string; gfid?: Gfid }, o: HealOptions): Promise<HealResult> {
  // Bricks journal what a heal copies as heal, not as a client's change (GlusterFS's self-heal pid).
  const ctx: CallCtx = { ...callerCtx, pid: SELF_HEAL_PID };
  const r: HealResult = { gfid: target.gfid ?? '', path: target.path ?? null, healed: [], pending: false, splitBrain: null, busy: false, gone: false, bytesMoved: 0 };
  const path = target.path ?? (target.gfid ? await pathOfGfid(st, ctx, target.gfid) : null);
  if (path === null) return gone(st, ctx, r);
  r.path = path;
  const loc: Loc = { path, gfid: target.gfid };
  let ins = await inspect(st, ctx, loc);
  if (ins.replies.size === 0) return ins.errors.size === 0 ? gone(st, ctx, r) : { ...r, pending: true };
  let v = verdictOf(st, ins);
  if (o.resolve && !v.identityMismatch && !v.data.splitBrain && !v.metadata.splitBrain) {
    throw new FsError('EINVAL', `${path} is not in split-brain`, st.name);
  }
  if ((ins.missing.length > 0 || v.identityMismatch) && path !== '/' && (o.entry || o.resolve)) {
    const winner = v.identityMismatch && o.resolve ? chooseSource(st, o.resolve, iattsOf(ins)) : undefined;
    const e = await healEntries(st, ctx, { path: parentPath(path) }, o.full, winner);
    await healCreated(st, ctx, e.created, r);
    if (e.busy) r.busy = true;
    if (e.changed) r.healed.push('entry');
    ins = await inspect(st, ctx, loc);
    v = verdictOf(st, ins);
  }
  if (v.identityMismatch) return { ...r, splitBrain: v.identityMismatch, pending: true };
  const iatt = [...ins.replies.values()][0]?.iatt;
  if (!iatt) return { ...r, pending: true };
  r.gfid = iatt.gfid;
  const at: Loc = { path, gfid: iatt.gfid };
  if (isDir(iatt) && o.entry && !o.resolve) {
    const e = await healEntries(st, ctx, at, o.full);
    await healCreated(st, ctx, e.created, r);
    if (e.busy) r.busy = true;
    if (e.changed && !r.healed.includes('entry')) r.healed.push('entry');
    if (e.conflicts.length > 0) st.log.warn('names with different GFIDs on the replicas; resolve them by name', { dir: path, names: e.conflicts });
  }
  if (o.metadata || o.resolve) await healKind(st, ctx, at, 'metadata', o, r);
  if (isFile(iatt) && (o.data || o.resolve)) await healKind(st, ctx, at, 'data', o, r);
  const after = await inspect(st, ctx, at);
  r.pending = r.busy || r.splitBrain !== null || owedToAbsent(st, after) || after.missing.length > 0;
  // Every copy present and not a counter set anywhere: an index entry left for this GFID is
  // stale (its marks went away without the index seeing it), so drop it as GlusterFS does.
  if (!r.pending && after.replies.size === st.count && unmarked(after)) await purgeIndex(st, ctx, r.gfid);
  return r;
}

function unmarked(ins: Inspection): boolean {
  return [...ins.marks.values()].every((m) => m.dirty.every((n) => n === 0) && m.blame.every((c) => c.every((n) => n === 0)));
}

async function gone(st: AfrState, ctx: CallCtx, r: HealResult): Promise<HealResult> {
  if (r.gfid) await purgeIndex(st, ctx, r.gfid);
  return { ...r, gone: true };
}

// New entries made by an entry heal need their data, metadata (and, for dirs, names) at once.
async function healCreated(st: AfrState, ctx: CallCtx, created: NewEntry[], r: HealResult): Promise<void> {
  for (const n of created) {
    const sub = await healInode(st, ctx, { path: n.path, gfid: n.gfid }, { ...HEAL_ALL, full: true });
    r.bytesMoved += sub.bytesMoved;
    if (sub.busy) r.busy = true;
  }
}

function iattsOf(ins: Inspection) {
  return new Map([...ins.replies].map(([i, rep]) => [i, rep.iatt] as const));
}

/**
 * Heals one kind (metadata or data) of one inode under its trylock: finds sources and sinks
 * from the marks read under the lock (or from the resolution policy in a split-brain), copies,
 * and takes the marks back.
 */
async function healKind(st: AfrState, ctx: CallCtx, loc: Loc, kind: 'metadata' | 'data', o: HealOptions, r: HealResult): Promise<void> {
  let held;
  try {
    held = await acquire(st, ctx, [{ kind: 'inode', loc, range: kind === 'data' ? DATA_RANGE : METADATA_RANGE }], st.upIndexes(), true);
  } catch (e) {
    if (isFsError(e, 'EAGAIN')) {
      r.busy = true;
      return;
    }
    throw e;
  }
  try {
    const ins = await inspect(st, held.ctx, loc, [], held.on);
    const d = verdictOf(st, ins)[kind];
    const iatts = iattsOf(ins);
    if (d.splitBrain && !o.resolve) {
      r.splitBrain ??= kind;
      return;
    }
    if (!d.marked && !o.full && !o.resolve) return;
    const source = d.splitBrain ? chooseSource(st, o.resolve!, iatts) : pickSource(st, d.sources, iatts, kind);
    if (source === undefined) return;
    const srcIatt = iatts.get(source)!;
    const compare = d.splitBrain || d.dirty || o.full;
    const sinks = [...iatts.keys()].filter((i) => i !== source && (d.sinks.includes(i) || compare));
    if (kind === 'metadata') {
      const differ = sinks.filter((i) => d.sinks.includes(i) || d.splitBrain || metadataDiffers(srcIatt, iatts.get(i)!));
      if (differ.length > 0) await copyMetadata(st, held.ctx, loc, source, srcIatt, differ);
      if (differ.length > 0) r.healed.push('metadata');
    } else {
      const dataSinks = sinks.filter((i) => !st.isArbiter(i)).map((i) => ({ i, size: iatts.get(i)!.size }));
      const moved = dataSinks.length > 0
        ? await copyData(st, held.ctx, { path: loc.path, gfid: srcIatt.gfid, source, iatt: srcIatt, sinks: dataSinks }, st.opts.dataSelfHealAlgorithm)
        : 0;
      r.bytesMoved += moved;
      if (moved > 0 || d.sinks.length > 0 || d.splitBrain) r.healed.push('data');
    }
    await clearMarks(st, held.ctx, loc, ins, kind);
    st.forget(loc);
  } finally {
    void release(st, held);
  }
}

// Among equal sources any will do; after a cut-short change (dirty only) the largest, then
// newest, copy is the one most likely to hold everything that was acknowledged.
function pickSource(st: AfrState, sources: number[], iatts: Map<number, { size: number; mtimeMs: number }>, kind: string): number | undefined {
  const cands = sources.filter((i) => iatts.has(i) && (kind !== 'data' || !st.isArbiter(i)));
  cands.sort((a, b) => iatts.get(b)!.size - iatts.get(a)!.size || iatts.get(b)!.mtimeMs - iatts.get(a)!.mtimeMs);
  return cands[0];
}
