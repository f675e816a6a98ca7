import type { Iatt } from '../../../../fop/index.js';
import type { SplitBrainPolicy } from '../../../../format/index.js';
import type { AfrState } from '../state.js';

/** A split-brain resolution asked for: the policy, and for `source-brick` the child index. */
export interface ResolveRequest {
  policy: SplitBrainPolicy;
  child?: number;
}

/**
 * The replica a policy makes the source, among `candidates` (index → attributes; the arbiter is
 * never one): `bigger-file` the largest, `latest-mtime` the most recently modified,
 * `source-brick` the one named. EINVAL when the policy cannot choose (equal sizes or times, or
 * the named brick holds no copy), saying what to try instead.
 */
export function chooseSource(st: AfrState, req: ResolveRequest, candidates: ReadonlyMap<number, Iatt>): number {
  const list = [...candidates].filter(([i]) => !st.isArbiter(i));
  const best = (key: (a: Iatt) => number, what: string): number => {
    list.sort((a, b) => key(b[1]) - key(a[1]));
    if (list.length === 0) throw st.error('EINVAL', 'no data copy of it is reachable');
    if (list.length > 1 && key(list[0][1]) === key(list[1][1])) {
      throw st.error('EINVAL', `the copies have the same ${what}; choose one with \`source-brick HOST:BRICK\``);
    }
    return list[0][0];
  };
  switch (req.policy) {
    case 'bigger-file':
      return best((a) => a.size, 'size');
    case 'latest-mtime':
      return best((a) => a.mtimeMs, 'modification time');
    case 'source-brick':
      if (req.child === undefined || !candidates.has(req.child) || st.isArbiter(req.child)) {
        throw st.error('EINVAL', 'the source brick holds no copy of it that can be a source (is it up, and not the arbiter?)');
      }
      return req.child;
  }
}
