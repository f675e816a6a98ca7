import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { TlsMaterial } from '../rpc/index.js';
import type { BrickMonitor } from './brick-monitor.js';
import type { MgmtClient } from './client.js';
import type { PeerLinks } from './peer-links.js';
import type { PoolSecrets } from './secrets.js';
import type { ShdMonitor } from './shd-monitor.js';
import type { Store } from './store.js';
import type { ClusterState, PeerRecord } from './types.js';

/** What every management operation of one glusterd works with. */
export interface MgmtContext {
  readonly store: Store;
  readonly monitor: BrickMonitor;
  /** This host's self-heal daemon. */
  readonly shd: ShdMonitor;
  readonly links: PeerLinks;
  readonly log: Logger;
  /** The pool secret and the volume secrets derived from it. */
  readonly secrets: PoolSecrets;
  /** The local socket root's commands come through. */
  readonly socket: string;
  /** This glusterd's TLS identity when secure-access is on. */
  readonly tls?: TlsMaterial;
  /** Runs state-changing operations one at a time on this glusterd. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
}

/** A queue that runs the functions given to it one after another. */
export function createSerializer(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

/** Hosts of the pool: this glusterd's and every peer's. */
export function poolHosts(ctx: MgmtContext): Set<string> {
  return new Set([ctx.store.self.host, ...ctx.store.peers().map((p) => p.host)]);
}

/** The peer advertising `host`, if any. */
export function peerByHost(ctx: MgmtContext, host: string): PeerRecord | undefined {
  return ctx.store.peers().find((p) => p.host === host);
}

/** The management port of the glusterd on `host` (self or a peer). */
export function mgmtPortOf(ctx: MgmtContext, host: string): number {
  const self = ctx.store.self;
  return host === self.host ? self.port : peerByHost(ctx, host)?.port ?? self.port;
}

/** The connected client of the peer on `host`; ENOTCONN naming what to check otherwise. */
export function peerClient(ctx: MgmtContext, host: string): MgmtClient {
  const peer = peerByHost(ctx, host);
  const client = peer && ctx.links.client(peer.uuid);
  if (!client) {
    throw new FsError('ENOTCONN',
      `Host ${host} is not connected. Check that its glusterd is running (\`gluster peer status\` shows the pool).`);
  }
  return client;
}

/** Everything this glusterd knows, as sent to a peer. */
export function clusterState(ctx: MgmtContext): ClusterState {
  return {
    self: ctx.store.self, peers: ctx.store.peers(), volumes: ctx.store.volumes(), deleted: ctx.store.deletedIds(),
  };
}
