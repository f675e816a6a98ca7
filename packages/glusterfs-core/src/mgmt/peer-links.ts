import type { Logger } from '../log/index.js';
import { connectRpc, type TlsMaterial } from '../rpc/index.js';
import { MgmtClient } from './client.js';
import type { PeerRecord } from './types.js';

interface Link {
  peer: PeerRecord;
  client?: MgmtClient;
  opening?: Promise<void>;
}

/** How a glusterd proves to its peers that it belongs to the pool. */
export interface PeerAuth {
  user: string;
  /** The pool secret now (it changes when this glusterd joins or leaves a pool). */
  secret(): Buffer;
  /** This glusterd's TLS identity when secure-access is on. */
  tls?: TlsMaterial;
}

/**
 * Keeps one reconnecting management connection to every peer, as glusterd's friend
 * connections do, each authenticated with the pool secret (a peer that cannot prove it knows
 * the secret gets nothing). `onUp` runs each time a peer (re)connects, which is when state is
 * reconciled with it.
 */
export class PeerLinks {
  readonly #links = new Map<string, Link>();
  readonly #log: Logger;
  readonly #auth: PeerAuth;
  readonly #onUp: (peer: PeerRecord) => void;
  #closed = false;

  constructor(log: Logger, auth: PeerAuth, onUp: (peer: PeerRecord) => void) {
    this.#log = log;
    this.#auth = auth;
    this.#onUp = onUp;
  }

  /** Makes the set of links match `peers`: opens new ones, closes those of departed peers. */
  sync(peers: readonly PeerRecord[]): void {
    const want = new Map(peers.map((p) => [p.uuid, p]));
    for (const [uuid, link] of this.#links) {
      const p = want.get(uuid);
      if (!p || p.host !== link.peer.host || p.port !== link.peer.port) this.#drop(uuid);
    }
    for (const p of peers) if (!this.#links.has(p.uuid) && !this.#closed) this.#open(p);
  }

  /** True when the link to this peer is up. */
  connected(uuid: string): boolean {
    return this.#links.get(uuid)?.client?.rpc.connected ?? false;
  }

  /** The client of a connected peer, or undefined. */
  client(uuid: string): MgmtClient | undefined {
    const c = this.#links.get(uuid)?.client;
    return c?.rpc.connected ? c : undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#links.keys()].map((u) => this.#drop(u)));
  }

  #open(peer: PeerRecord): void {
    const link: Link = { peer };
    this.#links.set(peer.uuid, link);
    link.opening = (async () => {
      // connect() gives up after its timeout but the transport keeps retrying (reconnect: true),
      // so an unreachable peer becomes connected whenever it comes back.
      const rpc = connectRpc({
        host: peer.host, port: peer.port, log: this.#log.child('peer'), reconnect: true, callTimeoutMs: 60_000,
        credentials: { user: this.#auth.user, secret: this.#auth.secret() }, tls: this.#auth.tls,
      });
      const client = new MgmtClient(rpc);
      if (this.#links.get(peer.uuid) !== link) {
        await rpc.close();
        return;
      }
      link.client = client;
      rpc.on('up', () => {
        this.#log.info('peer connected', { peer: `${peer.host}:${peer.port}` });
        this.#onUp(peer);
      });
      rpc.on('down', () => this.#log.warn('peer disconnected', { peer: `${peer.host}:${peer.port}` }));
      if (rpc.connected) this.#onUp(peer);
    })().catch((e) => this.#log.error('cannot open peer link', { peer: peer.host, error: (e as Error).message }));
  }

  async #drop(uuid: string): Promise<void> {
    const link = this.#links.get(uuid);
    if (!link) return;
    this.#links.delete(uuid);
    await link.opening;
    await link.client?.close().catch(() => {});
  }
}
