import { constants } from 'node:fs';
import { type CallCtx, type Fd, type Iatt, type Subvol, createFd } from '../../../../fop/index.js';
import type { AfrState } from '../state.js';

const DIGEST = 16;
const BLOCKS_PER_WINDOW = 32;

/** Where a data heal copies from and to. */
export interface DataCopy {
  path: string;
  gfid: string;
  source: number;
  /** The source's attributes (size and times are copied). */
  iatt: Iatt;
  /** Sinks with their current sizes; the arbiter is never among them (it holds no data). */
  sinks: { i: number; size: number }[];
}

/**
 * Makes each sink's bytes equal to the source's. With `diff` (granular heal) each window of
 * blocks is checksummed on both sides (`rchecksum`) and only blocks that differ are copied; a
 * sink that is empty, a file of one block, or `full` copies everything. Sinks end at the
 * source's size with its mtime. Returns the bytes written to sinks.
 */
export async function copyData(st: AfrState, ctx: CallCtx, plan: DataCopy, algorithm: 'diff' | 'full'): Promise<number> {
  const bs = st.opts.selfHealBlockSize;
  const loc = { path: plan.path, gfid: plan.gfid };
  const src = createFd(plan.path, constants.O_RDONLY, false, plan.gfid);
  const dst = createFd(plan.path, constants.O_RDWR, false, plan.gfid);
  const source = st.children[plan.source];
  await source.open(ctx, loc, src.flags, src);
  const sinks: { c: Subvol; diff: boolean }[] = [];
  try {
    for (const s of plan.sinks) {
      await st.children[s.i].open(ctx, loc, dst.flags, dst);
      sinks.push({ c: st.children[s.i], diff: algorithm === 'diff' && s.size > 0 && plan.iatt.size > bs });
    }
    let moved = 0;
    const window = bs * BLOCKS_PER_WINDOW;
    for (let off = 0; off < plan.iatt.size; off += window) {
      moved += await healWindow(ctx, source, src, sinks, dst, off, Math.min(window, plan.iatt.size - off), bs);
    }
    await Promise.all(sinks.map(async ({ c }) => {
      await c.ftruncate(ctx, dst, plan.iatt.size);
      await c.setattr(ctx, loc, { atimeMs: plan.iatt.atimeMs, mtimeMs: plan.iatt.mtimeMs });
    }));
    return moved;
  } finally {
    await source.release(ctx, src).catch(() => undefined);
    await Promise.all(sinks.map(({ c }) => c.release(ctx, dst).catch(() => undefined)));
  }
}

async function healWindow(
  ctx: CallCtx, source: Subvol, src: Fd, sinks: { c: Subvol; diff: boolean }[], dst: Fd, off: number, len: number, bs: number,
): Promise<number> {
  const anyDiff = sinks.some((s) => s.diff);
  if (!anyDiff) {
    // Nothing to compare: one read of the whole window, written to every sink.
    const data = await source.read(ctx, src, len, off);
    await Promise.all(sinks.map((t) => t.c.write(ctx, dst, data, off)));
    return data.length * sinks.length;
  }
  const [srcSums, ...sinkSums] = await Promise.all([
    anyDiff ? source.rchecksum(ctx, src, off, len, bs) : Promise.resolve(null),
    ...sinks.map((s) => (s.diff ? s.c.rchecksum(ctx, dst, off, len, bs) : Promise.resolve(null))),
  ]);
  const blocks = Math.ceil(len / bs);
  let moved = 0;
  for (let b = 0; b < blocks; b++) {
    const targets = sinks.filter((s, k) => !s.diff || !sameBlock(srcSums, sinkSums[k], b));
    if (targets.length === 0) continue;
    const at = off + b * bs;
    const data = await source.read(ctx, src, Math.min(bs, off + len - at), at);
    await Promise.all(targets.map((t) => t.c.write(ctx, dst, data, at)));
    moved += data.length * targets.length;
  }
  return moved;
}

function sameBlock(a: Buffer | null, b: Buffer | null, block: number): boolean {
  if (!a || !b) return false;
  const at = block * DIGEST;
  if (b.length < at + DIGEST) return false;
  return a.subarray(at, at + DIGEST).equals(b.subarray(at, at + DIGEST));
}
