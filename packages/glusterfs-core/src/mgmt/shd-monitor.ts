import { FsError } from '../errors/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import { connectRpc, type TlsMaterial } from '../rpc/index.js';
import { SHD_PROGRAM, shdStatistics, shdTrigger, type ShdStatistics } from '../shd/index.js';
import { createSerializer } from './context.js';
import { launchDaemon, stopDaemon, type RunningDaemon } from './daemon-process.js';
import { readPidFile, removePidFile, stopForeignProcess, writePidFile } from './pidfile.js';
import { SHD_USER } from './secrets.js';
import type { Store } from './store.js';
import type { DaemonStatus, VolumeRecord } from './types.js';
import { healTimeoutOf, selfHealDaemonOn } from './volume-options.js';

/** How the monitor finds and runs this host's self-heal daemon. */
export interface ShdMonitorOptions {
  store: Store;
  /** This glusterd's host: the daemon serves the replica sets with a brick here. */
  host: string;
  /** Path of the glustershd entry script. */
  glustershd: string;
  log: Logger;
  /** glusterd's local socket, where the daemon reads volumes, volfiles and its secret. */
  glusterdSocket: string;
  /** The secret the daemon's callers (this glusterd) prove, as user `glusterd`. */
  secret(): Buffer;
  /** A port from this host's brick range for a daemon (`BrickMonitor.portFor`). */
  portFor(key: string): Promise<number>;
  /** Where this host's TLS identity is (the daemon's own mounts use it for client.ssl). */
  sslDir: string;
  /** glusterd's TLS identity when secure-access is on: the daemon's port then speaks TLS. */
  tls?: TlsMaterial;
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 30_000;
/** A daemon that stayed up this long counts as healthy again: its backoff starts over. */
const STABLE_MS = 10_000;
const RELOAD_TIMEOUT_MS = 30_000;
/** The key under which the daemon's port is remembered among the brick ports. */
const SHD_PORT_KEY = 'glustershd';

/**
 * True when this host's self-heal daemon should serve `vol`: started, replicated, with a brick
 * on `host`, and `cluster.self-heal-daemon` not off.
 */
export function wantsShd(vol: VolumeRecord, host: string): boolean {
  return vol.status === 'Started' && vol.replicaCount > 1 && selfHealDaemonOn(vol.options)
    && vol.bricks.some((b) => b.host === host);
}

/**
 * Runs this host's one `glustershd` (GlusterFS's self-heal daemon) while some volume
 * {@link wantsShd} it, and keeps it current: a change of the volumes it serves (start, stop,
 * delete, `volume set`, which may change their client volfiles) makes it reload them from
 * glusterd; a change of its arguments (`cluster.heal-timeout`) restarts it. A daemon that dies
 * is restarted with a backoff (0.2 s doubling to 30 s).
 */
export class ShdMonitor {
  readonly #o: ShdMonitorOptions;
  readonly #serial = createSerializer();
  #running: RunningDaemon | undefined;
  #healTimeout = 0;
  /** The volume versions the running daemon last loaded. */
  #served = '';
  #want = false;
  #closing = false;
  #timer: NodeJS.Timeout | undefined;
  #backoffMs = FIRST_BACKOFF_MS;
  #upSince = 0;
  #lastError: string | undefined;

  constructor(o: ShdMonitorOptions) {
    this.#o = o;
  }

  /** Starts, reloads, restarts or stops the daemon to match the store's volumes. */
  reconcile(): Promise<void> {
    return this.#serial(() => this.#reconcile());
  }

  /** The daemon's state as `volume status` shows it. */
  status(): DaemonStatus {
    const r = this.#running;
    return {
      host: this.#o.host, pid: r?.pid ?? null, port: r?.port ?? null, online: !!r,
      ...(!r && this.#lastError ? { error: this.#lastError } : {}),
    };
  }

  /** Asks the daemon to crawl `volume` now (a full crawl with `full`); ENOTCONN when it is not running. */
  async trigger(volume: string, full: boolean): Promise<void> {
    await shdTrigger(this.#o.host, this.#port(), volume, full, this.#callOptions());
  }

  /** The daemon's crawl statistics of `volume`; ENOTCONN when it is not running. */
  statistics(volume: string): Promise<ShdStatistics> {
    return shdStatistics(this.#o.host, this.#port(), volume, this.#callOptions());
  }

  /** How this glusterd reaches its daemon: as user glusterd, over TLS with secure-access. */
  #callOptions(): { credentials: { user: string; secret: Buffer }; tls?: TlsMaterial } {
    return { credentials: { user: SHD_USER, secret: this.#o.secret() }, tls: this.#o.tls };
  }

  /** Stops the daemon (glusterd is exiting). */
  async shutdown(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#timer);
    await this.#serial(() => this.#stop());
  }

  /** Stops a daemon left running by an earlier glusterd of this workdir that was killed hard. */
  async stopLeftovers(): Promise<void> {
    const file = this.#o.store.shdPidPath();
    const pid = await readPidFile(file);
    if (pid !== undefined && await stopForeignProcess(pid, ['glustershd', '--glusterd-sock'])) {
      this.#o.log.warn('stopped a self-heal daemon left over from an earlier glusterd', { pid });
    }
    await removePidFile(file);
  }

  #port(): number {
    const r = this.#running;
    if (!r) {
      throw new FsError('ENOTCONN',
        `Self-heal daemon is not running on ${this.#o.host}. Check self-heal daemon log file (${this.#o.store.shdLogPath()}).`);
    }
    return r.port;
  }

  /**
   * What the daemon should run with now: null when no volume wants it; else its heal timeout
   * (the shortest of its volumes') and a key of the volume versions it should have loaded.
   */
  #desired(): { healTimeout: number; served: string } | null {
    const vols = this.#o.store.volumes().filter((v) => wantsShd(v, this.#o.host));
    if (!vols.length) return null;
    return {
      healTimeout: Math.min(...vols.map((v) => healTimeoutOf(v.options))),
      served: JSON.stringify(vols.map((v) => [v.name, v.id, v.version])),
    };
  }

  async #reconcile(): Promise<void> {
    if (this.#closing) return;
    const want = this.#desired();
    this.#want = want !== null;
    if (!want) {
      this.#lastError = undefined;
      await this.#stop();
      return;
    }
    const { healTimeout, served } = want;
    if (this.#running && healTimeout !== this.#healTimeout) {
      this.#o.log.info('restarting the self-heal daemon for new options', { healTimeout });
      await this.#stop();
    }
    if (!this.#running) {
      clearTimeout(this.#timer);
      this.#backoffMs = FIRST_BACKOFF_MS;
      await this.#start(healTimeout, served);
    } else if (served !== this.#served) {
      await this.#reload(served);
    }
  }

  async #start(healTimeout: number, served: string): Promise<void> {
    const { store, host, log } = this.#o;
    const logFile = store.shdLogPath();
    try {
      const port = await this.#o.portFor(SHD_PORT_KEY);
      const running = await launchDaemon({
        script: this.#o.glustershd,
        args: ['--glusterd-sock', this.#o.glusterdSocket, '--host', host, '--port', String(port),
          '--heal-timeout', String(healTimeout), '--log-file', logFile, '--ssl-dir', this.#o.sslDir, ...(this.#o.tls ? ['--ssl'] : [])],
        logFile, what: `self-heal daemon on ${host}`,
      });
      if (!this.#want || this.#closing) {
        await stopDaemon(running);
        return;
      }
      this.#running = running;
      this.#healTimeout = healTimeout;
      this.#served = served;
      this.#upSince = Date.now();
      this.#lastError = undefined;
      await writePidFile(store.shdPidPath(), running.pid);
      log.info('self-heal daemon online', { pid: running.pid, port: running.port, healTimeout });
      void running.exited.then((how) => this.#onExit(running, how));
    } catch (e) {
      this.#lastError = FsError.from(e).detail;
      log.error('self-heal daemon failed to start', { error: this.#lastError });
      this.#scheduleRestart();
    }
  }

  /** Tells the running daemon to re-read its volumes; restarts it if it cannot. */
  async #reload(served: string): Promise<void> {
    const r = this.#running!;
    const rpc = connectRpc({ host: this.#o.host, port: r.port, log: silentLogger(), reconnect: false, callTimeoutMs: RELOAD_TIMEOUT_MS, ...this.#callOptions() });
    try {
      await rpc.waitConnected(5000);
      const volumes = await rpc.call(SHD_PROGRAM, 'reload', []);
      this.#served = served;
      this.#o.log.info('self-heal daemon reloaded', { volumes });
    } catch (e) {
      this.#o.log.warn('self-heal daemon did not reload; restarting it', { error: FsError.from(e).message });
      await this.#stop();
      await this.#start(this.#healTimeout, served);
    } finally {
      await rpc.close();
    }
  }

  async #stop(): Promise<void> {
    clearTimeout(this.#timer);
    const r = this.#running;
    if (!r) return;
    // Cleared first, so #onExit sees a stop it asked for and schedules no restart.
    this.#running = undefined;
    this.#served = '';
    this.#o.log.info('stopping the self-heal daemon', { pid: r.pid });
    await stopDaemon(r);
    await removePidFile(this.#o.store.shdPidPath());
  }

  #onExit(r: RunningDaemon, how: { code: number | null; signal: string | null }): void {
    if (this.#running !== r) return;
    this.#running = undefined;
    this.#served = '';
    this.#lastError = `exited (${how.signal ?? `code ${how.code}`}); see ${this.#o.store.shdLogPath()}`;
    void removePidFile(this.#o.store.shdPidPath());
    if (!this.#want || this.#closing) return;
    this.#o.log.warn('self-heal daemon died; restarting it', { pid: r.pid, ...how });
    if (Date.now() - this.#upSince > STABLE_MS) this.#backoffMs = FIRST_BACKOFF_MS;
    this.#scheduleRestart();
  }

  #scheduleRestart(): void {
    if (this.#closing) return;
    const delay = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.#serial(async () => {
        const want = this.#desired();
        if (!this.#running && want && !this.#closing) await this.#start(want.healTimeout, want.served);
      });
    }, delay);
  }
}
