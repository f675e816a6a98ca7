import type { Volfile } from './volfile.js';

/**
 * A copy of `vf` in which every node of translator `type` that does not set option `key` sets
 * it to `value`: how a client fills in what only it can know (where its TLS files are) into a
 * volfile glusterd wrote.
 */
export function withNodeOption(vf: Volfile, type: string, key: string, value: string): Volfile {
  return {
    ...vf,
    nodes: vf.nodes.map((n) => (n.type === type && !(key in n.options) ? { ...n, options: { ...n.options, [key]: value } } : n)),
  };
}
