import type { CallCtx, Loc, Xattrs } from '../../../fop/index.js';
import { PATHINFO_XATTR, clusterPathinfo, pathinfoOf, pathinfoReply } from '../../../format/index.js';
import { routePath } from './route.js';
import type { DhtState } from './state.js';

/**
 * Answers `trusted.glusterfs.pathinfo` as `(<DISTRIBUTE:<name>> …)`: for a file, the answer of
 * the child holding its data (the cached child, never a link file's hashed one); for a
 * directory, which exists on every child, the answers of every child that is up, in child
 * order, leaving out those that fail. ENOENT, ENOTCONN (the data child, or every child, down).
 */
export async function pathinfoXattr(st: DhtState, ctx: CallCtx, loc: Loc): Promise<Xattrs> {
  const ask = async (i: number) => pathinfoOf(await st.child(i).getxattr(ctx, loc, PATHINFO_XATTR));
  const parts = await routePath(st, ctx, loc.path, async (i) => [await ask(i)], () => everyChild(st, ask));
  return pathinfoReply(clusterPathinfo('DISTRIBUTE', st.name, parts));
}

async function everyChild(st: DhtState, ask: (i: number) => Promise<string>): Promise<string[]> {
  const out = await st.fanOut(st.upIndexes(), (_c, i) => ask(i));
  const parts = out.flatMap((o) => (o.ok ? [o.value] : []));
  if (parts.length > 0) return parts;
  const errors = out.flatMap((o) => (o.ok ? [] : [o.error]));
  throw errors.find((e) => e.code !== 'ENOTCONN') ?? errors[0] ?? st.error('ENOTCONN', 'no child is up');
}
