import { FsError } from '../../../errors/index.js';
import type { Logger } from '../../../log/index.js';
import { connectRpc, type Credentials, type RpcClient, type TlsMaterial } from '../../../rpc/index.js';
import { Pinger } from './pinger.js';

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;
const PMAP_TIMEOUT_MS = 5000;

/** Where a brick lives and how to reach it. */
export interface BrickLinkOptions {
  host: string;
  /** glusterd's management port on `host` (for the port map). */
  mgmtPort: number;
  /** The brick's export path on `host` (the port map key). */
  brickPath: string;
  /** Connect straight to this port instead of asking the port map. */
  brickPort?: number;
  callTimeoutMs: number;
  /** Drop the connection when the brick sends nothing for this long while pinged (0 = never). */
  pingTimeoutMs: number;
  /** The brick user and password to prove (auth.login); anonymous without. */
  credentials?: Credentials;
  /** TLS identity for the brick's port (client.ssl). */
  brickTls?: TlsMaterial;
  /** TLS identity for glusterd's port (its secure-access). */
  mgmtTls?: TlsMaterial;
  log: Logger;
  /** The link went up (a new connection generation) or down. */
  onChange(up: boolean): void;
}

/** The live connection and its generation (bumped on every connect). */
export interface LiveConn {
  readonly rpc: RpcClient;
  readonly gen: number;
}

/**
 * The connection of one protocol/client to its brick, kept alive for the translator's life. Each
 * attempt asks glusterd's port map for the brick's current port (a restarted brick may listen
 * elsewhere) unless a fixed `brickPort` is configured, then connects without the RPC client's own
 * reconnect, so that every retry goes through the port map again. Retries back off exponentially
 * up to 2 s.
 */
export class BrickLink {
  readonly #o: BrickLinkOptions;
  #live: LiveConn | null = null;
  #gen = 0;
  #closed = false;
  #backoffMs = FIRST_BACKOFF_MS;
  #timer: NodeJS.Timeout | null = null;
  #reported: 'none' | 'up' | 'down' = 'none';
  #lastFailure = '';
  #lastFd = 0;

  constructor(o: BrickLinkOptions) {
    this.#o = o;
    void this.#attempt();
  }

  /** The current connection, or null while down. */
  get live(): LiveConn | null {
    return this.#live;
  }

  /** Why the last connection attempt failed or the connection was lost ('' when none did). */
  get lastFailure(): string {
    return this.#lastFailure;
  }

  /** The current connection; ENOTCONN while down. */
  need(): LiveConn {
    if (this.#live) return this.#live;
    throw new FsError('ENOTCONN', `brick ${this.#o.host}:${this.#o.brickPath} is not connected${this.#lastFailure ? ` (${this.#lastFailure})` : ''}`);
  }

  /**
   * A fresh fd number for an open on this link. Never reused, not even across reconnects, so a
   * number can never name another open's fd on the brick.
   */
  newFdNumber(): number {
    return ++this.#lastFd;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const live = this.#live;
    this.#live = null;
    await live?.rpc.close();
  }

  async #attempt(): Promise<void> {
    let rpc: RpcClient | null = null;
    try {
      const port = this.#o.brickPort ?? (await this.#askPort());
      if (this.#closed) return;
      rpc = connectRpc({
        host: this.#o.host, port, log: this.#o.log, reconnect: false, callTimeoutMs: this.#o.callTimeoutMs,
        credentials: this.#o.credentials, tls: this.#o.brickTls,
      });
      await rpc.waitConnected(this.#o.callTimeoutMs);
      if (this.#closed) {
        await rpc.close();
        return;
      }
      this.#onConnected(rpc, port);
    } catch (e) {
      await rpc?.close();
      this.#onFailed(FsError.from(e));
    }
  }

  #onConnected(rpc: RpcClient, port: number): void {
    const live: LiveConn = { rpc, gen: ++this.#gen };
    this.#live = live;
    this.#backoffMs = FIRST_BACKOFF_MS;
    this.#lastFailure = '';
    const pinger = this.#o.pingTimeoutMs > 0 ? new Pinger(rpc, this.#o.pingTimeoutMs, (silentMs) => this.#onSilent(live, silentMs)) : null;
    rpc.on('down', () => {
      pinger?.stop();
      if (this.#live !== live) return;
      this.#live = null;
      void rpc.close();
      this.#lastFailure ||= 'connection lost';
      this.#report('down');
      this.#schedule();
    });
    this.#o.log.info('connected to brick', { host: this.#o.host, port, brick: this.#o.brickPath });
    this.#report('up');
  }

  /**
   * The brick answered nothing for the ping timeout: drop the connection as GlusterFS does, so
   * calls in flight fail with ENOTCONN, parents hear child-down, and reconnecting starts.
   */
  #onSilent(live: LiveConn, silentMs: number): void {
    if (this.#live !== live) return;
    const secs = Math.round(this.#o.pingTimeoutMs / 1000);
    this.#lastFailure = `brick did not respond within ping-timeout (${secs} s)`;
    this.#o.log.warn(`server ${this.#o.host}:${this.#o.brickPath} has not responded in the last ${secs} seconds, disconnecting.`,
      { silentMs: Math.round(silentMs) });
    void live.rpc.close();
  }

  #onFailed(e: FsError): void {
    if (this.#closed) return;
    // Log a failure once per outage, not once per retry.
    if (this.#lastFailure === '' || this.#reported !== 'down') {
      this.#o.log.info('brick not reachable, retrying', { host: this.#o.host, brick: this.#o.brickPath, error: e.message });
    }
    this.#lastFailure = e.message;
    this.#report('down');
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#closed) void this.#attempt();
    }, this.#backoffMs);
    this.#backoffMs = Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2);
  }

  /** Asks glusterd which port the brick listens on; ENOENT while it is not running. */
  async #askPort(): Promise<number> {
    const mgmt = connectRpc({
      host: this.#o.host, port: this.#o.mgmtPort, log: this.#o.log, reconnect: false, callTimeoutMs: PMAP_TIMEOUT_MS, tls: this.#o.mgmtTls,
    });
    try {
      await mgmt.waitConnected(PMAP_TIMEOUT_MS);
      const port = await mgmt.call('pmap', 'portByBrick', [this.#o.brickPath]);
      if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0) {
        throw new FsError('EPROTO', `port map answered ${String(port)} for ${this.#o.brickPath}`);
      }
      return port;
    } finally {
      await mgmt.close();
    }
  }

  #report(state: 'up' | 'down'): void {
    if (this.#reported === state) return;
    this.#reported = state;
    this.#o.onChange(state === 'up');
  }
}
