import type { Fops, Subvol } from '../../../fop/index.js';
import type { AfrState } from './state.js';
import { answerOf } from './transaction.js';

type LockFops = Pick<Fops, 'inodelk' | 'entrylk'>;

/**
 * Locks asked for by translators above (dht's layout heal) hold on every child up: blocking
 * locks are taken child by child in order (no cycles between clients), trylocks at once and
 * rolled back on EAGAIN; unlocks go everywhere. Fails only when no child took the lock.
 */
export function lockOps(st: AfrState): LockFops {
  const run = async (cmd: string, lock: (c: Subvol) => Promise<void>, unlock: (c: Subvol) => Promise<void>) => {
    const up = st.upIndexes();
    if (up.length === 0) throw st.error('ENOTCONN', `no brick of ${st.name} is up`);
    if (cmd === 'unlock') {
      await st.fanOut(up, unlock);
      return;
    }
    if (cmd === 'trylock') {
      const out = await st.fanOut(up, lock);
      if (out.every((o) => o.ok)) return;
      await st.fanOut(up.filter((_, k) => out[k].ok), unlock);
      throw answerOf(out);
    }
    const got: number[] = [];
    let failure: Error | undefined;
    for (const i of up) {
      const r = await st.try(i, lock);
      if (r.ok) got.push(i);
      else failure ??= r.error;
    }
    if (got.length === 0) throw failure!;
  };
  return {
    inodelk: (ctx, domain, loc, cmd, type, range) =>
      run(cmd, (c) => c.inodelk(ctx, domain, loc, cmd, type, range), (c) => c.inodelk(ctx, domain, loc, 'unlock', type, range)),
    entrylk: (ctx, domain, loc, name, cmd, type) =>
      run(cmd, (c) => c.entrylk(ctx, domain, loc, name, cmd, type), (c) => c.entrylk(ctx, domain, loc, name, 'unlock', type)),
  };
}
