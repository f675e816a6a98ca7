import { isFsError } from '../../../errors/index.js';
import type { CallCtx, Loc, Subvol } from '../../../fop/index.js';
import { splitBrainError } from './inspect.js';
import { lookupInfo } from './lookup.js';
import type { AfrState, InodeInfo } from './state.js';

/** The inode's read info: cached from a recent lookup, else looked up now. */
export async function infoOf(st: AfrState, ctx: CallCtx, loc: Loc): Promise<InodeInfo> {
  return st.inode(loc) ?? (await lookupInfo(st, ctx, loc)).info;
}

/**
 * Runs a read-only `fn` on a readable child of the inode, the GFID-spread choice first, then
 * the other readable children when a brick is lost (ENOTCONN, ETIMEDOUT). `allowed` narrows
 * the children (those an fd is open on); `names` admits the arbiter (names, metadata). EIO
 * when the inode is in split-brain, ENOTCONN when no readable copy is reachable.
 */
export async function readFrom<T>(
  st: AfrState, ctx: CallCtx, loc: Loc, fn: (c: Subvol, i: number) => Promise<T>,
  opts: { allowed?: (i: number) => boolean; names?: boolean } = {},
): Promise<T> {
  const info = await infoOf(st, ctx, loc);
  if (info.splitBrain) throw splitBrainError(st, loc.path, opts.names ? 'entry' : 'data');
  const allowed = opts.allowed ?? (() => true);
  const readable = info.readable.filter((i) => st.isUp(i) && allowed(i) && (opts.names || !st.isArbiter(i)));
  const first = st.pickRead(info.gfid, readable, opts.names);
  const order = first === undefined ? readable : [first, ...readable.filter((i) => i !== first)];
  // Built only on failure: an Error captures a stack, too dear for every read.
  let last: unknown;
  for (const i of order) {
    try {
      return await fn(st.children[i], i);
    } catch (e) {
      if (!isFsError(e, 'ENOTCONN', 'ETIMEDOUT')) throw e;
      last = e;
    }
  }
  throw last ?? st.error('ENOTCONN', `${loc.path}: no readable copy of it is reachable in ${st.name}`);
}
