import type { CallCtx } from '../../../../fop/index.js';
import { type HealIndexReply, type HealInfoReply, VXATTR } from '../../../../format/index.js';
import { inspect, verdictOf } from '../inspect.js';
import type { AfrState } from '../state.js';
import { pathOfGfid } from './gfid-path.js';

/** Every child's heal index (GFIDs with marks set); a child down shows `up: false` and none. */
export async function healIndex(st: AfrState, ctx: CallCtx): Promise<HealIndexReply> {
  const out = await st.fanOut(st.children.map((_, i) => i), async (c, i) => {
    if (!st.isUp(i)) return null;
    const x = await c.getxattr(ctx, { path: '/' }, VXATTR.INDEX_XATTROP);
    return JSON.parse(x[VXATTR.INDEX_XATTROP].toString('utf8')) as string[];
  });
  return {
    children: st.children.map((c, i) => {
      const o = out[i];
      return { name: c.name, up: o.ok && o.value !== null, gfids: o.ok && o.value ? o.value : [] };
    }),
  };
}

/**
 * What `heal info` lists: per child, the entries of its index with their paths (null when no
 * replica can name it) and whether each is in split-brain. The dirty marks of a change still
 * in flight make an entry appear briefly, as in GlusterFS.
 */
export async function healInfo(st: AfrState, ctx: CallCtx): Promise<HealInfoReply> {
  const index = await healIndex(st, ctx);
  const verdicts = new Map<string, Promise<{ path: string | null; splitBrain: boolean }>>();
  const describe = (gfid: string) => {
    let p = verdicts.get(gfid);
    if (!p) {
      p = (async () => {
        const path = await pathOfGfid(st, ctx, gfid);
        if (path === null) return { path, splitBrain: false };
        const ins = await inspect(st, ctx, { path, gfid });
        const v = verdictOf(st, ins);
        return { path, splitBrain: v.identityMismatch !== null || v.data.splitBrain || v.metadata.splitBrain };
      })();
      verdicts.set(gfid, p);
    }
    return p;
  };
  return {
    children: await Promise.all(index.children.map(async (c) => ({
      name: c.name,
      up: c.up,
      entries: await Promise.all(c.gfids.map(async (gfid) => ({ gfid, ...(await describe(gfid)) }))),
    }))),
  };
}
