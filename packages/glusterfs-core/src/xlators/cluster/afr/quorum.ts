/** How many children must be up before replicate accepts a change. */
export interface QuorumRule {
  type: 'none' | 'auto' | 'fixed';
  count: number;
}

/**
 * True when the children `up` (indexes among `total`) meet the rule. `auto`: more than half,
 * or exactly half including child 0 (the first brick breaks ties, as in GlusterFS); `fixed`:
 * at least `count`; `none`: at least one.
 */
export function hasQuorum(rule: QuorumRule, up: readonly number[], total: number): boolean {
  if (up.length === 0) return false;
  switch (rule.type) {
    case 'none':
      return true;
    case 'fixed':
      return up.length >= Math.min(rule.count, total);
    case 'auto':
      return up.length * 2 > total || (up.length * 2 === total && up.includes(0));
  }
}
