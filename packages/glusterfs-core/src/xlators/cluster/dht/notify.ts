import type { GraphEvent } from '../../../fop/index.js';
import type { DhtState } from './state.js';

/**
 * Tracks which children are up. Parents hear `child-up` whenever a child comes up (this volume
 * can serve) and `child-down` only when the last one goes: a distribute volume serves whatever
 * part of it is reachable.
 */
export function notifier(st: DhtState, emit: (e: GraphEvent) => void): (e: GraphEvent) => void {
  return (event) => {
    if (event.kind !== 'child-up' && event.kind !== 'child-down') return;
    const i = st.indexOf(event.child);
    if (i === undefined) return;
    const before = st.upIndexes().length;
    st.setUp(i, event.kind === 'child-up');
    const after = st.upIndexes().length;
    if (event.kind === 'child-up') emit({ kind: 'child-up', child: st.name });
    if (before > 0 && after === 0) emit({ kind: 'child-down', child: st.name });
    if (event.kind === 'child-up') st.log.info('child up', { child: event.child, up: after });
    else st.log.warn('child down', { child: event.child, up: after });
  };
}
