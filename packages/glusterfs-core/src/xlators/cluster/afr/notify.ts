import type { GraphEvent } from '../../../fop/index.js';
import type { AfrState } from './state.js';

/**
 * Tracks which children are up. Parents hear `child-up` whenever a child reports up (the set can
 * serve reads) and `child-down` only when the last one goes. Any change drops the per-inode
 * read cache, so the next lookup sees the marks of a brick that came back.
 */
export function notifier(st: AfrState, emit: (e: GraphEvent) => void): (e: GraphEvent) => void {
  return (event) => {
    if (event.kind !== 'child-up' && event.kind !== 'child-down') return;
    const i = st.children.findIndex((c) => c.name === event.child);
    if (i < 0) return;
    const before = st.upIndexes().length;
    const changed = st.setUp(i, event.kind === 'child-up');
    const after = st.upIndexes().length;
    if (event.kind === 'child-up') {
      if (changed) st.log.info('child up', { child: event.child, up: after });
      emit({ kind: 'child-up', child: st.name });
    } else if (changed) {
      st.log.warn('child down', { child: event.child, up: after });
      if (before > 0 && after === 0) emit({ kind: 'child-down', child: st.name });
    }
  };
}
