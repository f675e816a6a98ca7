import type { Volfile, VolfileNode } from '../volume/index.js';

const REPLICATE = new Set(['cluster/afr', 'cluster/replicate']);
const CLIENT = 'protocol/client';

/** One child of a replica set: the translator under afr and the brick it reaches. */
export interface ReplicaChild {
  /** The child translator's name (`<vol>-client-<i>`), as afr's replies and xdata name it. */
  name: string;
  /** The brick's server, as its glusterd advertises it (`remote-host`). */
  host: string;
  /** The brick directory on that server (`remote-subvolume`; '' when the volfile pins a port). */
  brickPath: string;
  /** `host:path`, as `gluster volume heal` prints it. */
  brick: string;
}

/** One replica set of a volume, with a volfile that mounts only that set. */
export interface ReplicaSetSpec {
  /** The afr node's name (`<vol>-replicate-<k>`); the top of `volfile`. */
  afr: string;
  /** afr's children in volfile order (child 0 first). */
  children: ReplicaChild[];
  /** A standalone client volfile: the afr node and everything below it. */
  volfile: Volfile;
}

/**
 * Splits a client volfile into one standalone volfile per replicate node, in volfile order
 * (which is the volume's brick order), so heal tools can talk to each replica set directly,
 * without distribute above. A volume with no replicate node yields `[]`.
 */
export function replicaSetVolfiles(vf: Volfile): ReplicaSetSpec[] {
  const byName = new Map(vf.nodes.map((n) => [n.name, n]));
  return vf.nodes.filter((n) => REPLICATE.has(n.type)).map((afr) => {
    const below = descendants(afr, byName);
    return {
      afr: afr.name,
      children: afr.children.map((c) => replicaChild(byName.get(c)!, byName)),
      volfile: { volume: vf.volume, top: afr.name, nodes: vf.nodes.filter((n) => below.has(n.name)) },
    };
  });
}

function descendants(root: VolfileNode, byName: Map<string, VolfileNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [root.name];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.children ?? []));
  }
  return seen;
}

/** The child as named under afr, with the brick of the first client below it. */
function replicaChild(node: VolfileNode, byName: Map<string, VolfileNode>): ReplicaChild {
  let leaf: VolfileNode | undefined = node;
  while (leaf && leaf.type !== CLIENT) leaf = leaf.children.length ? byName.get(leaf.children[0]) : undefined;
  const host = leaf ? String(leaf.options['remote-host'] ?? '') : '';
  const brickPath = leaf ? String(leaf.options['remote-subvolume'] ?? '') : '';
  return { name: node.name, host, brickPath, brick: `${host}:${brickPath}` };
}
