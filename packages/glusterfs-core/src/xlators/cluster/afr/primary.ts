import type { CallCtx, Fops } from '../../../fop/index.js';
import { PRIMARY_BRICK_XDATA } from '../../../format/index.js';
import type { AfrState } from './state.js';

/** The fops whose changes bricks journal, and so must learn which brick is the set's primary. */
const JOURNALED = [
  'create', 'mkdir', 'symlink', 'link', 'unlink', 'rmdir', 'rename', 'open', 'write', 'truncate', 'ftruncate',
  'setattr', 'setxattr', 'removexattr', 'release',
] as const satisfies readonly (keyof Fops)[];

/**
 * Wraps the journaled fops so each call names, in `ctx.xdata`, the first child this client sees
 * up: that brick records the change as primary, its peers as copies, so a journal consumer
 * that acts once per change (a trigger) acts on exactly one brick of the set. The context is
 * copied, never changed: a caller may send the same context to other replica sets.
 */
export function tagPrimary(st: AfrState, fops: Partial<Fops>): Partial<Fops> {
  const out: Partial<Fops> = { ...fops };
  for (const name of JOURNALED) {
    const fop = fops[name] as ((ctx: CallCtx, ...args: unknown[]) => Promise<unknown>) | undefined;
    if (!fop) continue;
    (out as Record<string, unknown>)[name] = (ctx: CallCtx, ...args: unknown[]) => fop(withPrimary(st, ctx), ...args);
  }
  return out;
}

function withPrimary(st: AfrState, ctx: CallCtx): CallCtx {
  const first = st.upIndexes()[0];
  if (first === undefined) return ctx;
  return { ...ctx, xdata: { ...ctx.xdata, [PRIMARY_BRICK_XDATA]: st.children[first]!.name } };
}
