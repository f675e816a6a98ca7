import { isFsError } from '../../../errors/index.js';
import { type CallCtx, type Gfid, type LookupReply, isDir } from '../../../fop/index.js';
import { XATTR } from '../../../format/index.js';
import { type Layout, decodeRange } from './layout.js';
import { type DirResolved, pick } from './resolved.js';
import { healLayout, healMissingDirs } from './self-heal.js';
import type { DhtState, Outcome } from './state.js';

/**
 * Looks a directory up on every child, as GlusterFS does: creates it where it is missing (same
 * GFID, mode, owner), reads each child's range, and heals a missing or broken layout. Children
 * that are down are skipped (their last known range is kept). ENOENT, ENOTDIR, ENOTCONN (all down).
 */
export async function lookupDir(st: DhtState, ctx: CallCtx, path: string, names: string[]): Promise<DirResolved> {
  const all = st.all();
  const out = await st.fanOut(all, (c) => c.lookup(ctx, { path }, [...names, XATTR.DHT_LAYOUT]));
  const src = out.findIndex((o) => o.ok && isDir(o.value.iatt));
  if (src < 0) throw noDirectory(st, path, out);
  const reply = (out[src] as { value: LookupReply }).value;
  const gfid = reply.iatt.gfid;
  const missing = all.filter((i) => isFsError(errorOf(out[i]), 'ENOENT'));
  const healParent = async (p: string) => void (await lookupDir(st, ctx, p, []));
  const healed = missing.length ? await healMissingDirs(st, ctx, path, reply.iatt, missing, healParent) : [];
  const present = all.filter((i) => healed.includes(i) || sameDir(out[i], gfid));
  const layout = await healLayout(st, ctx, path, gfid, rangesSeen(st, path, out, gfid), present);
  const info = { gfid, layout };
  st.dirs.set(path, info);
  return { kind: 'dir', iatt: reply.iatt, xattrs: pick(reply.xattrs, names), info };
}

function errorOf(o: Outcome<unknown>) {
  return o.ok ? undefined : o.error;
}

function sameDir(o: Outcome<LookupReply>, gfid: Gfid): boolean {
  return o.ok && isDir(o.value.iatt) && o.value.iatt.gfid === gfid;
}

/** Each child's range as read now; for a child that is down, the range this client last saw. */
function rangesSeen(st: DhtState, path: string, out: Outcome<LookupReply>[], gfid: Gfid): Layout {
  const before = st.dirs.get(path);
  return out.map((o, i) => {
    if (!o.ok) return o.error.code === 'ENOTCONN' && before?.gfid === gfid ? before.layout[i] : undefined;
    if (o.value.iatt.gfid !== gfid) {
      st.log.warn('directory GFID differs between children', { path, child: st.children[i].name });
      return undefined;
    }
    const raw = o.value.xattrs[XATTR.DHT_LAYOUT];
    if (!raw) return undefined;
    try {
      return decodeRange(raw);
    } catch {
      st.log.warn('unreadable layout xattr ignored', { path, child: st.children[i].name });
      return undefined;
    }
  });
}

function noDirectory(st: DhtState, path: string, out: Outcome<LookupReply>[]) {
  if (out.some((o) => o.ok)) return st.error('ENOTDIR', `${path} is not a directory`);
  const odd = out.find((o) => !o.ok && !isFsError(o.error, 'ENOENT', 'ENOTCONN'));
  if (odd && !odd.ok) return odd.error;
  const down = out.find((o) => !o.ok && o.error.code === 'ENOTCONN');
  if (down && !down.ok && out.every((o) => !o.ok && o.error.code === 'ENOTCONN')) return down.error;
  return st.error('ENOENT', `${path}: no such directory`);
}
