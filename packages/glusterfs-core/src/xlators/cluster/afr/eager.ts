import type { CallCtx, Fd, Loc, Subvol } from '../../../fop/index.js';
import { postOp, preOp } from './changelog.js';
import { type AfrFd, type EagerTxn, afrFd, tracked } from './fd-state.js';
import { DATA_RANGE, acquire, release } from './locks.js';
import { lookupInfo } from './lookup.js';
import type { AfrState } from './state.js';
import { answerOf } from './transaction.js';

/**
 * Runs one data change (write, ftruncate) on every child of the fd's transaction, starting a
 * transaction when none is running (with `eager-lock` off, every change has its own). Children
 * that fail are remembered, never read through this fd again, and blamed at the post-op.
 * Returns the answer of a data child. EROFS without quorum; ENOTCONN when on an arbiter volume
 * the only data brick up is one that missed earlier writes.
 */
export async function dataChange<T>(st: AfrState, ctx: CallCtx, fd: Fd, what: string, op: (c: Subvol) => Promise<T>): Promise<T> {
  const afd = await afrFd(st, fd);
  return tracked(afd, change(st, ctx, fd, afd, what, op));
}

async function change<T>(st: AfrState, ctx: CallCtx, fd: Fd, afd: AfrFd, what: string, op: (c: Subvol) => Promise<T>): Promise<T> {
  const txn = afd.txn && !afd.txn.finishing ? afd.txn : begin(st, ctx, fd, afd, what);
  txn.inflight++;
  if (txn.timer) clearTimeout(txn.timer);
  try {
    const { participants } = await txn.ready;
    const targets = participants.filter((i) => !txn.failed.has(i));
    const out = await st.fanOut(targets, op);
    out.forEach((o, k) => {
      if (o.ok) txn.wrote.add(targets[k]);
      else {
        txn.failed.add(targets[k]);
        afd.bad.add(targets[k]);
        st.forget({ gfid: fd.gfid, path: fd.path });
      }
    });
    const ok = targets.filter((_, k) => out[k].ok);
    if (ok.length === 0) throw answerOf(out);
    if (!st.quorumMet(ok)) throw st.error('EROFS', `${what}: applied on ${ok.length} of ${st.count} bricks, below client quorum`);
    const best = ok.find((i) => !st.isArbiter(i)) ?? ok[0];
    return (out[targets.indexOf(best)] as { ok: true; value: T }).value;
  } finally {
    txn.inflight--;
    if (txn.inflight === 0) idle(st, fd, afd, txn);
  }
}

function begin(st: AfrState, ctx: CallCtx, fd: Fd, afd: AfrFd, what: string): EagerTxn {
  const loc: Loc = { path: fd.path, gfid: fd.gfid || undefined };
  const txn: EagerTxn = { inflight: 0, failed: new Set(), wrote: new Set(), drained: [], ready: undefined! };
  txn.ready = (async () => {
    const up = st.requireQuorum(what).filter((i) => afd.open.includes(i) && !afd.bad.has(i));
    if (st.arbiter >= 0) await requireDataSource(st, ctx, loc, up);
    const held = await acquire(st, ctx, [{ kind: 'inode', loc, range: DATA_RANGE }], up);
    if (!st.quorumMet(held.on)) {
      void release(st, held);
      throw st.error('EROFS', `${what}: lost client quorum while locking`);
    }
    const participants = await preOp(st, held.ctx, [loc], 'data', held.on);
    if (participants.length === 0) {
      void release(st, held);
      throw st.error('ENOTCONN', `${what}: no brick of ${st.name} took the change`);
    }
    return { held, participants };
  })();
  txn.ready.catch(() => {
    if (afd.txn === txn) afd.txn = undefined;
  });
  afd.txn = txn;
  return txn;
}

// With an arbiter, two bricks up can still be the arbiter and a stale data brick: writing
// there would leave no good copy anywhere, so GlusterFS refuses, and so do we.
async function requireDataSource(st: AfrState, ctx: CallCtx, loc: Loc, up: number[]): Promise<void> {
  const info = st.inode(loc) ?? (await lookupInfo(st, ctx, loc)).info;
  if (!info.readable.some((i) => up.includes(i) && !st.isArbiter(i))) {
    throw st.error('ENOTCONN', `${loc.path}: no brick up in ${st.name} holds good data (the arbiter alone cannot vouch for it)`);
  }
}

function idle(st: AfrState, fd: Fd, afd: AfrFd, txn: EagerTxn): void {
  for (const w of txn.drained.splice(0)) w();
  if (txn.finishing) return;
  if (!st.opts.eagerLock || st.opts.postOpDelayMs === 0) {
    void finish(st, fd, afd, txn);
    return;
  }
  txn.timer = setTimeout(() => void finish(st, fd, afd, txn), st.opts.postOpDelayMs);
  txn.timer.unref();
}

/**
 * Ends the fd's transaction, if any: waits for its writes, then post-op (the children written
 * blame those not written) and unlock. Never fails: a failed post-op leaves the inode dirty,
 * which the self-heal daemon checks.
 */
export async function settleFd(st: AfrState, fd: Fd): Promise<void> {
  const afd = await afrFd(st, fd).catch(() => undefined);
  const txn = afd?.txn;
  if (!afd || !txn) return;
  await finish(st, fd, afd, txn);
}

function finish(st: AfrState, fd: Fd, afd: AfrFd, txn: EagerTxn): Promise<void> {
  if (txn.finishing) return txn.finishing;
  if (txn.timer) clearTimeout(txn.timer);
  if (afd.txn === txn) afd.txn = undefined;
  txn.finishing = (async () => {
    while (txn.inflight > 0) await new Promise<void>((res) => txn.drained.push(res));
    let ready;
    try {
      ready = await txn.ready;
    } catch {
      return;
    }
    const loc: Loc = { path: fd.path, gfid: fd.gfid || undefined };
    const wrote = ready.participants.filter((i) => !txn.failed.has(i));
    const blamed = st.children.map((_, i) => i).filter((i) => !wrote.includes(i));
    try {
      await postOp(st, ready.held.ctx, [loc], 'data', wrote, blamed);
    } finally {
      void release(st, ready.held);
    }
  })();
  return txn.finishing;
}
