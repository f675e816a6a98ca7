import type { CallCtx, Fops, Loc, Subvol } from '../../../fop/index.js';
import { DATA_RANGE, METADATA_RANGE } from './locks.js';
import type { TxnKind } from './pending.js';
import { readFrom } from './read-child.js';
import type { AfrState } from './state.js';
import { answerOf, transaction } from './transaction.js';

type InodeFops = Pick<Fops, 'setattr' | 'truncate' | 'setxattr' | 'removexattr' | 'xattrop' | 'readlink' | 'statfs'>;

/**
 * Inode fops by path: metadata changes (setattr, set/removexattr) are metadata transactions
 * and truncate a data transaction on the inode itself; readlink reads one readable copy;
 * statfs asks the first data brick that answers.
 */
export function inodeOps(st: AfrState): InodeFops {
  const onInode = async <T>(ctx: CallCtx, kind: TxnKind, what: string, loc: Loc, op: (c: Subvol) => Promise<T>): Promise<T> => {
    const range = kind === 'data' ? DATA_RANGE : METADATA_RANGE;
    const r = await transaction(st, ctx, { what: `${what} ${loc.path}`, kind, locks: [{ kind: 'inode', loc, range }], marks: [loc], op });
    if (kind === 'data') st.forget(loc);
    return r.value;
  };
  return {
    setattr: (ctx, loc, attrs) => onInode(ctx, 'metadata', 'setattr', loc, (c) => c.setattr(ctx, loc, attrs)),
    truncate: (ctx, loc, size) => onInode(ctx, 'data', 'truncate', loc, (c) => c.truncate(ctx, loc, size)),
    setxattr: (ctx, loc, xattrs, flags) => onInode(ctx, 'metadata', 'setxattr', loc, (c) => c.setxattr(ctx, loc, xattrs, flags)),
    removexattr: (ctx, loc, name) => onInode(ctx, 'metadata', 'removexattr', loc, (c) => c.removexattr(ctx, loc, name)),
    async xattrop(ctx, loc, op, xattrs) {
      const up = st.requireQuorum(`xattrop ${loc.path}`);
      const out = await st.fanOut(up, (c) => c.xattrop(ctx, loc, op, xattrs));
      const ok = out.find((o) => o.ok);
      if (!ok) throw answerOf(out);
      return ok.value;
    },
    readlink: (ctx, loc) => readFrom(st, ctx, loc, (c) => c.readlink(ctx, loc), { names: true }),
    async statfs(ctx, loc) {
      const order = [...st.upIndexes().filter((i) => !st.isArbiter(i)), ...st.upIndexes().filter((i) => st.isArbiter(i))];
      const out = [];
      for (const i of order) {
        const r = await st.try(i, (c) => c.statfs(ctx, loc));
        if (r.ok) return r.value;
        out.push(r);
      }
      if (out.length === 0) throw st.error('ENOTCONN', `no brick of ${st.name} is up`);
      throw answerOf(out);
    },
  };
}
