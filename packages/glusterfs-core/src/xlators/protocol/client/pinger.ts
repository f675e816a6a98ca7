import { PING_PROC, PING_PROGRAM, type RpcClient } from '../../../rpc/index.js';

/** The longest gap between two pings, whatever the timeout. */
const MAX_INTERVAL_MS = 5000;
/** The shortest gap between two pings (tests use timeouts of a second or two). */
const MIN_INTERVAL_MS = 100;

/**
 * Watches one connection to a brick, as GlusterFS's rpc-clnt ping timer does: pings the brick
 * every few seconds (a quarter of the timeout, at most 5 s) and calls `onDead` once when nothing
 * at all (no reply, no stream chunk, no ping answer) has arrived for `timeoutMs` while a ping is
 * outstanding. A SIGSTOPped brick keeps its TCP connection open; this is how the client notices.
 * The timer does not keep the process alive.
 */
export class Pinger {
  readonly #rpc: RpcClient;
  readonly #timeoutMs: number;
  readonly #onDead: (silentMs: number) => void;
  readonly #timer: NodeJS.Timeout;
  #seen: number;
  #lastHeard = performance.now();
  #pinging = false;
  #stopped = false;

  constructor(rpc: RpcClient, timeoutMs: number, onDead: (silentMs: number) => void) {
    this.#rpc = rpc;
    this.#timeoutMs = timeoutMs;
    this.#onDead = onDead;
    this.#seen = rpc.framesReceived;
    const every = Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, Math.floor(timeoutMs / 4)));
    this.#timer = setInterval(() => this.#tick(), every).unref();
    this.#ping();
  }

  /** Stops watching (the connection closed or was replaced). */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  #tick(): void {
    if (this.#stopped) return;
    const now = performance.now();
    const seen = this.#rpc.framesReceived;
    if (seen !== this.#seen) {
      this.#seen = seen;
      this.#lastHeard = now;
    }
    const silentMs = now - this.#lastHeard;
    if (this.#pinging && silentMs >= this.#timeoutMs) {
      this.stop();
      this.#onDead(silentMs);
      return;
    }
    this.#ping();
  }

  #ping(): void {
    if (this.#pinging || this.#stopped) return;
    this.#pinging = true;
    // The deadline is ours (#tick), not the call's: the ping stays outstanding until answered
    // or the connection goes, so the silence check always has something to wait for.
    this.#rpc.call(PING_PROGRAM, PING_PROC, [], { timeoutMs: 2 * this.#timeoutMs + MAX_INTERVAL_MS })
      .catch(() => {})
      .finally(() => { this.#pinging = false; });
  }
}
