import { FsError } from '../errors/index.js';
import { withDefaults, type GraphEvent, type Subvol, type Xlator, type XlatorDef } from '../fop/index.js';
import type { Logger } from '../log/index.js';
import { parseOptions } from './options.js';
import type { Volfile } from './volfile.js';

/** A built translator graph. */
export interface Graph {
  /** The top translator: wind every fop here. */
  readonly top: Subvol;
  /** Every instance by volfile name (for tests and status). */
  readonly xlators: ReadonlyMap<string, Xlator>;
  /** Subscribes to events that reach the top of the graph. */
  onEvent(listener: (event: GraphEvent) => void): void;
  /** Closes every translator, leaves first. */
  close(): Promise<void>;
}

/**
 * Builds a volfile into live translators, children first, looking each `type` up with `resolve`.
 * Unknown types and invalid options are EINVAL. Events emitted by a translator reach the
 * `notify` of each of its parents.
 */
export function buildGraph(vf: Volfile, resolve: (type: string) => XlatorDef | undefined, log: Logger): Graph {
  const nodes = new Map(vf.nodes.map((n) => [n.name, n]));
  const parentsOf = new Map<string, string[]>();
  for (const n of vf.nodes) for (const c of n.children) parentsOf.set(c, [...(parentsOf.get(c) ?? []), n.name]);

  const built = new Map<string, { xlator: Xlator; subvol: Subvol }>();
  const order: string[] = [];
  const topListeners: ((e: GraphEvent) => void)[] = [];
  const deliver = (from: string, event: GraphEvent) => {
    const parents = parentsOf.get(from) ?? [];
    if (from === vf.top) for (const l of topListeners) l(event);
    for (const p of parents) built.get(p)?.xlator.notify?.(event);
  };

  const build = (name: string): Subvol => {
    const done = built.get(name);
    if (done) return done.subvol;
    const node = nodes.get(name)!;
    const def = resolve(node.type);
    if (!def) throw new FsError('EINVAL', `volfile node "${name}": unknown translator type "${node.type}"`);
    const children = node.children.map(build);
    const options = parseOptions(`${name} (${node.type})`, def.options, node.options);
    const xlator = def.create({
      name, children, options, log: log.child(name), emit: (ev) => deliver(name, ev),
    });
    const subvol = withDefaults(name, xlator.fops, children[0]);
    built.set(name, { xlator, subvol });
    order.push(name);
    return subvol;
  };

  let top: Subvol;
  try {
    top = build(vf.top);
  } catch (e) {
    // A translator that refused to start must not leave its built children (connections,
    // timers) running behind the error.
    for (const name of [...order].reverse()) void built.get(name)!.xlator.close?.()?.catch(() => undefined);
    throw e;
  }
  return {
    top,
    xlators: new Map([...built].map(([k, v]) => [k, v.xlator])),
    onEvent: (l) => { topListeners.push(l); },
    async close() {
      for (const name of [...order].reverse()) await built.get(name)!.xlator.close?.();
    },
  };
}
