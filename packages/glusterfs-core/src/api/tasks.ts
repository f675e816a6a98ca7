import { FsError } from '../errors/index.js';
import type { Xlator } from '../fop/index.js';
import type { Graph, Volfile, VolfileNode } from '../volume/index.js';

const REPLICATE = new Set(['cluster/afr', 'cluster/replicate']);
const CLIENT = 'protocol/client';

/** Options of a task run. */
export interface RunTaskOptions {
  /** Receives every partial result a brick streams, with the brick's subvolume name. */
  onChunk?: (chunk: unknown, subvolume: string) => void;
  /** Per-brick time limit (default: the connection's call timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The volume's replica sets, as lists of `protocol/client` node names, in distribute order. A
 * volume without distribute is one set; a brick outside any replicate node is a set of one.
 */
export function replicaSets(vf: Volfile): string[][] {
  const nodes = new Map(vf.nodes.map((n) => [n.name, n]));
  const clientsUnder = (n: VolfileNode): string[] =>
    n.type === CLIENT ? [n.name] : n.children.flatMap((c) => clientsUnder(nodes.get(c)!));
  const walk = (n: VolfileNode): string[][] => {
    if (n.type === CLIENT) return [[n.name]];
    if (REPLICATE.has(n.type)) return [clientsUnder(n)];
    // Distribute, and any translator stacked above the sets, contributes its children's sets.
    return n.children.flatMap((c) => walk(nodes.get(c)!));
  };
  return walk(nodes.get(vf.top)!).filter((set) => set.length > 0);
}

/**
 * Picks one live brick per replica set (the first connected one, so a dead brick's share moves
 * to its peer), for tasks that must cover every file exactly once. ENOTCONN when a whole set is
 * down; ENOTSUP when the volume has no bricks (e.g. a graph over storage/memory).
 */
export function pickTaskBricks(graph: Graph, vf: Volfile): { name: string; xlator: Xlator }[] {
  const sets = replicaSets(vf);
  if (sets.length === 0) throw new FsError('ENOTSUP', `volume ${vf.volume} has no bricks to run tasks on`);
  return sets.map((set) => {
    const name = set.find((n) => graph.xlators.get(n)?.up === true);
    if (!name) throw new FsError('ENOTCONN', `every brick of replica set ${set.join(', ')} is down`);
    return { name, xlator: graph.xlators.get(name)! };
  });
}

/**
 * Runs task `name` on one live brick of every replica set at once and returns their final
 * results in replica-set order. Fails with the first brick's error (ENOTCONN, EINVAL for an
 * unknown task, or the handler's errno).
 */
export async function runTaskOnBricks(
  graph: Graph, vf: Volfile, name: string, args: unknown, opts: RunTaskOptions = {},
): Promise<unknown[]> {
  const bricks = pickTaskBricks(graph, vf);
  return Promise.all(bricks.map(async ({ name: brick, xlator }) => {
    if (!xlator.call) throw new FsError('ENOTSUP', `${brick} cannot carry tasks`);
    const onChunk = opts.onChunk;
    return xlator.call('task', 'run', [name, args], {
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      onChunk: onChunk ? (chunk) => onChunk(chunk, brick) : undefined,
    });
  }));
}
