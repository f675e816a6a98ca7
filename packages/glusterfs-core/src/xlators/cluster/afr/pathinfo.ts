import type { CallCtx, Loc, Xattrs } from '../../../fop/index.js';
import { PATHINFO_XATTR, clusterPathinfo, pathinfoOf, pathinfoReply } from '../../../format/index.js';
import type { AfrState } from './state.js';
import { answerOf } from './transaction.js';

/**
 * Answers `trusted.glusterfs.pathinfo`: `(<REPLICATE:<name>> …)` around the answers of every
 * data child that is up, in child order. The arbiter holds no file data, so it is not asked;
 * a child that is down or fails is left out (a reader there would fail over anyway). When no
 * child answers: the first meaningful child error (ENOENT…), else ENOTCONN.
 */
export async function pathinfoXattr(st: AfrState, ctx: CallCtx, loc: Loc): Promise<Xattrs> {
  const data = st.upIndexes().filter((i) => !st.isArbiter(i));
  if (data.length === 0) throw st.error('ENOTCONN', `${loc.path}: no data brick of ${st.name} is up`);
  const out = await st.fanOut(data, async (c) => pathinfoOf(await c.getxattr(ctx, loc, PATHINFO_XATTR)));
  const parts = out.flatMap((o) => (o.ok ? [o.value] : []));
  if (parts.length === 0) throw answerOf(out);
  return pathinfoReply(clusterPathinfo('REPLICATE', st.name, parts));
}
