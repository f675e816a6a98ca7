import type { GraphEvent, Subvol, XlatorDef } from '../fop/index.js';
import type { Logger } from '../log/index.js';
import { defaultSslDir } from '../mgmt/connect.js';
import { buildGraph, resolveXlator, withNodeOption, type Graph, type Volfile } from '../volume/index.js';
import { replicaSetVolfiles, type ReplicaSetSpec } from './replica-sets.js';

/** A mounted replica set: afr over its bricks, with nothing above it. */
export interface ReplicaSetHandle {
  readonly spec: ReplicaSetSpec;
  /** The afr translator: wind heal getxattrs here. */
  readonly top: Subvol;
  /** True while the named child (a {@link ReplicaSetSpec} child) is connected. */
  isUp(child: string): boolean;
  /** Subscribes to events reaching afr's parent (child-up when any brick comes up). */
  onEvent(listener: (event: GraphEvent) => void): void;
  /** Disconnects from the bricks. */
  close(): Promise<void>;
}

/** Options of {@link openReplicaSets}. */
export interface OpenSetsOptions {
  /** How long to wait for a set with no brick up before returning it anyway (default 10 s). */
  timeoutMs?: number;
  /** Finds a translator type's definition (default: core's registry). */
  resolve?: (type: string) => XlatorDef | undefined;
  /** This client's TLS identity directory (default `$GLUSTER_SSL_DIR` or `/etc/ssl`). */
  sslDir?: string;
}

/** How long to wait for every brick of a set before settling for the live ones (as a mount does). */
const GRACE_MS = 1_500;
const POLL_MS = 20;

/**
 * Mounts each replica set of a client volfile (those `filter` accepts, all by default) as its
 * own graph and waits, as a mount does, until every brick is connected, or some brick is and a
 * short grace has passed. A set none of whose bricks come up within `timeoutMs` is returned
 * anyway (its children report down), so heal tools can say which bricks are unreachable.
 * EINVAL when a set's volfile does not build; then nothing stays open.
 */
export async function openReplicaSets(
  vf: Volfile, log: Logger, filter: (spec: ReplicaSetSpec) => boolean = () => true, opts: OpenSetsOptions = {},
): Promise<ReplicaSetHandle[]> {
  const handles: ReplicaSetHandle[] = [];
  try {
    const withSsl = withNodeOption(vf, 'protocol/client', 'ssl-dir', opts.sslDir ?? defaultSslDir());
    for (const spec of replicaSetVolfiles(withSsl).filter(filter)) {
      handles.push(openSet(spec, buildGraph(spec.volfile, opts.resolve ?? resolveXlator, log.child(spec.afr))));
    }
  } catch (e) {
    await Promise.all(handles.map((h) => h.close()));
    throw e;
  }
  await Promise.all(handles.map((h) => waitChildren(h, opts.timeoutMs ?? 10_000)));
  return handles;
}

function openSet(spec: ReplicaSetSpec, graph: Graph): ReplicaSetHandle {
  return {
    spec,
    top: graph.top,
    isUp: (child) => graph.xlators.get(child)?.up !== false,
    onEvent: (l) => graph.onEvent(l),
    close: () => graph.close(),
  };
}

async function waitChildren(h: ReplicaSetHandle, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const live = h.spec.children.filter((c) => h.isUp(c.name)).length;
    const elapsed = Date.now() - t0;
    if (live === h.spec.children.length) return;
    if (live > 0 && elapsed >= Math.min(GRACE_MS, timeoutMs)) return;
    if (elapsed >= timeoutMs) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
