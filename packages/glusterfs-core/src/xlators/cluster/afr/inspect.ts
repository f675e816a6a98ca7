import { FsError, isFsError } from '../../../errors/index.js';
import { type CallCtx, type Iatt, type Loc, type LookupReply, S_IFMT, isDir, isFile } from '../../../fop/index.js';
import { type Direction, type ReplicaMarks, findDirection, marksOf } from './pending.js';
import type { AfrState } from './state.js';

/** Every replica's answer to one lookup with the replication marks. */
export interface Inspection {
  /** Children asked. */
  asked: number[];
  replies: Map<number, LookupReply>;
  /** Children that answered ENOENT (the name is not there). */
  missing: number[];
  /** Children that failed otherwise (down, timed out…). */
  errors: Map<number, FsError>;
  marks: Map<number, ReplicaMarks>;
}

/** Looks `loc` up on `children` (default: every child up), asking for the marks and `extra` xattrs. */
export async function inspect(
  st: AfrState, ctx: CallCtx, loc: Loc, extra: readonly string[] = [], children: readonly number[] = st.upIndexes(),
): Promise<Inspection> {
  const names = [...new Set([...extra, ...st.markKeys])];
  const out = await st.fanOut(children, (c) => c.lookup(ctx, loc, names));
  const ins: Inspection = { asked: [...children], replies: new Map(), missing: [], errors: new Map(), marks: new Map() };
  out.forEach((o, k) => {
    const i = children[k];
    if (o.ok) {
      ins.replies.set(i, o.value);
      ins.marks.set(i, marksOf(o.value.xattrs, st.pendingKeys, st.dirtyKey));
    } else if (isFsError(o.error, 'ENOENT')) ins.missing.push(i);
    else ins.errors.set(i, o.error);
  });
  return ins;
}

/** What the replicas of one inode say, kind by kind. */
export interface Verdict {
  data: Direction;
  metadata: Direction;
  entry: Direction;
  /** The replicas disagree on the GFID or file type: only a human (or a policy) can pick. */
  identityMismatch: 'gfid' | 'type' | null;
}

/** Directions for every kind over the replicas that answered `ins` (restricted to `among`). */
export function verdictOf(st: AfrState, ins: Inspection, among: readonly number[] = [...ins.replies.keys()]): Verdict {
  const present = new Map([...ins.marks].filter(([i]) => among.includes(i)));
  const iatts = among.map((i) => ins.replies.get(i)?.iatt).filter((x): x is Iatt => !!x);
  let identityMismatch: Verdict['identityMismatch'] = null;
  if (iatts.some((a) => a.gfid !== iatts[0].gfid)) identityMismatch = 'gfid';
  else if (iatts.some((a) => (a.mode & S_IFMT) !== (iatts[0].mode & S_IFMT))) identityMismatch = 'type';
  const arbiter = new Set(st.arbiter >= 0 ? [st.arbiter] : []);
  return {
    data: findDirection(present, 'data', arbiter),
    metadata: findDirection(present, 'metadata'),
    entry: findDirection(present, 'entry'),
    identityMismatch,
  };
}

/**
 * The children whose copy may be read, by the inode's type: data sources for files (minus
 * metadata sinks when that leaves any), name and metadata sources for directories, metadata
 * sources otherwise. Empty when the kind that matters is in split-brain.
 */
export function readableOf(iatt: Iatt, v: Verdict): number[] {
  const primary = isFile(iatt) ? v.data : isDir(iatt) ? v.entry : v.metadata;
  if (primary.splitBrain) return [];
  const narrowed = isFile(iatt) || isDir(iatt) ? primary.sources.filter((i) => !v.metadata.sinks.includes(i)) : primary.sources;
  return narrowed.length > 0 ? narrowed : primary.sources;
}

/**
 * True when a lookup should start a heal: a replica that answered misses the entry or is
 * blamed. Blame against a brick that is down, a split-brain, and dirty marks alone are left to
 * the self-heal daemon: dirty is what every change in flight looks like, and a heal attempt on
 * each such lookup would only contend with it.
 */
export function needsHeal(ins: Inspection, v: Verdict): boolean {
  const healable = (d: Verdict['data']) => !d.splitBrain && d.sinks.length > 0;
  return ins.missing.length > 0 || healable(v.data) || healable(v.metadata) || healable(v.entry);
}

/** An EIO for a split-brain, naming the path. */
export function splitBrainError(st: AfrState, path: string, kind: string): FsError {
  return st.error('EIO', `${path} is in ${kind} split-brain in ${st.name}; resolve it with \`gluster volume heal VOL split-brain …\``);
}
