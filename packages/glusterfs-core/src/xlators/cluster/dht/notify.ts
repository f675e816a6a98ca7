import type { GraphEvent } from '../../../fop/index.js';
import type { DhtState } from './state.js';

/**
 * Tracks which children are up, and tells parents that this volume is up when its first child
 * comes up and down when its last child goes (a distribute volume serves what is reachable).
 */
export function notifier(st: DhtState, emit: (e: GraphEvent) => void): (e: GraphEvent) => void {
  return (event) => {
    if (event.kind !== 'child-up' && event.kind !== 'child-down') return;
    const i = st.indexOf(event.child);
    if (i === undefined) return;
    const before = st.upIndexes().length;
    st.setUp(i, event.kind === 'child-up');
    const after = st.upIndexes().length;
    if (before === 0 && after > 0) emit({ kind: 'child-up', child: st.name });
    if (before > 0 && after === 0) emit({ kind: 'child-down', child: st.name });
    if (event.kind === 'child-up') st.log.info('child up', { child: event.child, up: after });
    else st.log.warn('child down', { child: event.child, up: after });
  };
}
