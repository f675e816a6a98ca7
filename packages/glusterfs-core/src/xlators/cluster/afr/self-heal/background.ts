import { createCtx } from '../../../../fop/index.js';
import type { AfrState } from '../state.js';
import { healInode } from './heal.js';

/**
 * Client-side self-heal: lookups that find an inode needing heal start one in the background,
 * at most `background-self-heal-count` at once and one per inode; the rest is left to the
 * self-heal daemon. Which kinds are healed here follows the data/metadata/entry-self-heal options.
 */
export function startBackgroundHealer(st: AfrState): void {
  const running = new Set<string>();
  st.onHealNeeded = (loc) => {
    const key = loc.gfid ?? loc.path;
    if (running.has(key) || st.backgroundHeals >= st.opts.backgroundSelfHealCount) return;
    const o = st.opts;
    if (!o.dataSelfHeal && !o.metadataSelfHeal && !o.entrySelfHeal) return;
    running.add(key);
    st.backgroundHeals++;
    healInode(st, createCtx(), loc, { full: false, entry: o.entrySelfHeal, metadata: o.metadataSelfHeal, data: o.dataSelfHeal })
      .catch((e: unknown) => st.log.debug('background self-heal failed', { path: loc.path, error: (e as Error).message }))
      .finally(() => {
        running.delete(key);
        st.backgroundHeals--;
      });
  };
}
