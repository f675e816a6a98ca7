import { FsError } from '../../../errors/index.js';
import { type CallCtx, type Loc, type LookupReply, type Xattrs, isFile, parentPath } from '../../../fop/index.js';
import { type Inspection, inspect, needsHeal, readableOf, splitBrainError, verdictOf } from './inspect.js';
import type { AfrState, InodeInfo } from './state.js';

/**
 * Replicate's lookup: asks every child up, with the marks. Replicas that disagree about the
 * name (present on some, ENOENT on others, or another GFID) are settled by the parent
 * directory's marks: only the replicas that hold the truth about its names count. Learns
 * which children are readable for the inode, asks for a heal when anything is marked or
 * missing, and answers from a readable child (spread by GFID). EIO for a GFID or type
 * split-brain; the reply hides replicate's own xattrs unless asked for.
 */
export async function afrLookup(st: AfrState, ctx: CallCtx, loc: Loc, xattrNames: string[]): Promise<LookupReply> {
  const { reply } = await lookupInfo(st, ctx, loc, xattrNames);
  return reply;
}

/** {@link afrLookup}, also giving what was learnt about the inode. */
export async function lookupInfo(st: AfrState, ctx: CallCtx, loc: Loc, xattrNames: string[] = []): Promise<{ reply: LookupReply; info: InodeInfo }> {
  if (st.upIndexes().length === 0) throw st.error('ENOTCONN', `no brick of ${st.name} is up`);
  const ins = await inspect(st, ctx, loc, xattrNames);
  if (ins.replies.size === 0) {
    if (ins.missing.length > 0) throw new FsError('ENOENT', loc.path, st.name);
    throw [...ins.errors.values()][0];
  }
  let among = [...ins.replies.keys()];
  let v = verdictOf(st, ins, among);
  if (ins.missing.length > 0 || v.identityMismatch) {
    const truth = await nameSources(st, ctx, loc.path);
    if (loc.path !== '/') st.requestHeal({ path: parentPath(loc.path) });
    if (truth) {
      among = among.filter((i) => truth.includes(i));
      if (among.length === 0) throw new FsError('ENOENT', loc.path, st.name);
      v = verdictOf(st, ins, among);
    }
    if (v.identityMismatch) throw splitBrainError(st, loc.path, v.identityMismatch);
  }
  const iatt = ins.replies.get(among[0])!.iatt;
  const readable = readableOf(iatt, v).filter((i) => among.includes(i));
  const info = st.remember(loc.path, { gfid: iatt.gfid, readable, splitBrain: readable.length === 0 });
  if (needsHeal(ins, v)) st.requestHeal({ path: loc.path, gfid: iatt.gfid });
  const from = st.pickRead(iatt.gfid, readable, !isFile(iatt)) ?? fallbackChild(st, ins, among, isFile(iatt));
  if (from === undefined) throw st.error('ENOTCONN', `${loc.path}: only the arbiter of ${st.name} is up, and it holds no data`);
  const chosen = ins.replies.get(from)!;
  return { reply: { iatt: chosen.iatt, xattrs: onlyAsked(chosen.xattrs, xattrNames) }, info };
}

// A split-brain file still answers lookup (reads fail later), from a data brick.
function fallbackChild(st: AfrState, ins: Inspection, among: number[], file: boolean): number | undefined {
  return among.find((i) => ins.replies.has(i) && !(file && st.isArbiter(i)));
}

function onlyAsked(x: Xattrs, names: readonly string[]): Xattrs {
  const out: Xattrs = {};
  for (const n of names) if (x[n] !== undefined) out[n] = x[n];
  return out;
}

/**
 * The replicas that hold the truth about the names in the parent of `path`, from its entry
 * marks; null when the parent is unmarked or in split-brain (then every answer counts, so
 * nothing is hidden).
 */
export async function nameSources(st: AfrState, ctx: CallCtx, path: string): Promise<number[] | null> {
  if (path === '/') return null;
  const ins = await inspect(st, ctx, { path: parentPath(path) });
  const v = verdictOf(st, ins);
  if (!v.entry.marked || v.entry.splitBrain) return null;
  return v.entry.sources;
}
