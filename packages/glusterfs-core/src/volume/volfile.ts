import { FsError } from '../errors/index.js';

/** One translator instance in a volfile. `children` name other nodes of the same volfile. */
export interface VolfileNode {
  name: string;
  type: string;
  options: Record<string, string | number | boolean | string[]>;
  children: string[];
}

/**
 * A volume graph as data, produced by glusterd and fetched by clients and bricks. `top` names the
 * node the graph's user winds into; every node must be reachable from it.
 */
export interface Volfile {
  volume: string;
  top: string;
  nodes: VolfileNode[];
  /**
   * A secret glusterd gives only to trusted clients of the volume (root on a server of the pool),
   * hex: services on the servers derive shared keys from it (`Volume.deriveKey`). Absent in
   * every other volfile.
   */
  serviceKey?: string;
}

/**
 * Parses volfile JSON text and checks its shape: unique names, known children, no cycles, every
 * node reachable from `top`. Bad text is EINVAL with a message that says what is wrong.
 */
export function parseVolfile(text: string): Volfile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FsError('EINVAL', `volfile is not JSON: ${(e as Error).message}`);
  }
  const vf = raw as Volfile;
  if (!vf || typeof vf.volume !== 'string' || typeof vf.top !== 'string' || !Array.isArray(vf.nodes)) {
    throw new FsError('EINVAL', 'volfile needs "volume", "top" and "nodes"');
  }
  if (vf.serviceKey !== undefined && (typeof vf.serviceKey !== 'string' || !/^[0-9a-f]{64}$/.test(vf.serviceKey))) {
    throw new FsError('EINVAL', 'volfile "serviceKey" must be 64 hex digits');
  }
  checkGraph(vf);
  return vf;
}

function checkGraph(vf: Volfile): void {
  const byName = new Map<string, VolfileNode>();
  for (const n of vf.nodes) {
    if (!n || typeof n.name !== 'string' || typeof n.type !== 'string') {
      throw new FsError('EINVAL', 'every volfile node needs a "name" and a "type"');
    }
    if (byName.has(n.name)) throw new FsError('EINVAL', `volfile names "${n.name}" twice`);
    n.options ??= {};
    n.children ??= [];
    byName.set(n.name, n);
  }
  if (!byName.has(vf.top)) throw new FsError('EINVAL', `volfile top "${vf.top}" is not a node`);
  const seen = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (path.includes(name)) throw new FsError('EINVAL', `volfile has a cycle: ${[...path, name].join(' → ')}`);
    const node = byName.get(name);
    if (!node) throw new FsError('EINVAL', `volfile node "${path.at(-1)}" has unknown child "${name}"`);
    seen.add(name);
    for (const c of node.children) visit(c, [...path, name]);
  };
  visit(vf.top, []);
  for (const n of vf.nodes) {
    if (!seen.has(n.name)) throw new FsError('EINVAL', `volfile node "${n.name}" is not reachable from "${vf.top}"`);
  }
}
