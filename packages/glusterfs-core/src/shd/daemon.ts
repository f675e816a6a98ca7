import { FsError } from '../errors/index.js';
import type { XlatorDef } from '../fop/index.js';
import { openReplicaSets } from '../heal/index.js';
import type { Logger } from '../log/index.js';
import { createRpcServer, type RpcServer, type TlsMaterial } from '../rpc/index.js';
import { parseVolfile } from '../volume/index.js';
import { VolumeHealer } from './healer.js';
import { shdProcs, type ShdService } from './program.js';
import { DEFAULT_HEAL_TIMEOUT_SEC, DEFAULT_MAX_HEALS, SHD_PROGRAM } from './protocol.js';
import { Slots } from './slots.js';
import { CrawlHistory, type ShdStatistics } from './stats.js';

/** A volume as the daemon needs to know it (a glusterd `VolumeRecord` is one). */
export interface ShdVolumeInfo {
  name: string;
  /** Only `Started` volumes are healed. */
  status: string;
  /** Only volumes with more than one brick per set are healed. */
  replicaCount: number;
  bricks: { host: string }[];
}

/** Where the daemon learns volumes and their client volfiles (glusterd, in production). */
export interface VolumeSource {
  /** Every volume of the pool. */
  volumes(): Promise<ShdVolumeInfo[]>;
  /** A started volume's client volfile (JSON text). */
  volfile(volume: string): Promise<string>;
}

/** Options of a {@link SelfHealDaemon}. */
export interface SelfHealDaemonOptions {
  /** This server's advertised host: the daemon serves sets with a brick here and listens here. */
  host: string;
  source: VolumeSource;
  log: Logger;
  /** Seconds between periodic index crawls (default 600). */
  healTimeoutSec?: number;
  /** Heals in flight at once, across volumes (default 16). */
  maxHeals?: number;
  /** How long to wait for a replica set's bricks when mounting it (default 2 s). */
  openTimeoutMs?: number;
  /** Translator lookup (default: core's registry). */
  resolve?: (type: string) => XlatorDef | undefined;
  /**
   * Who may call the `shd` program: clients proving they know `secret` as user `user` (its
   * glusterd), over TLS when `tls` is given. Without it anyone may (tests).
   */
  callers?: { user: string; secret: Buffer; tls?: TlsMaterial };
  /** This server's TLS identity directory, for the daemon's own mounts (client.ssl, secure-access). */
  sslDir?: string;
}

const FIRST_RELOAD_RETRY_MS = 1000;
const MAX_RELOAD_RETRY_MS = 30_000;

/**
 * The self-heal daemon of one server (GlusterFS's glustershd): mounts every replica set of every
 * started replicated volume that has a brick on this host, heals what the local bricks' indices
 * list (at start, when a brick comes up, every heal-timeout, and on `trigger`), runs full
 * crawls on request, and serves the `shd` RPC program.
 */
export class SelfHealDaemon implements ShdService {
  readonly #o: SelfHealDaemonOptions;
  readonly #slots: Slots;
  readonly #healers = new Map<string, { healer: VolumeHealer; volfile: string }>();
  readonly #histories = new Map<string, CrawlHistory>();
  #server: RpcServer | null = null;
  #tick: NodeJS.Timeout | null = null;
  #retry: NodeJS.Timeout | null = null;
  #retryMs = FIRST_RELOAD_RETRY_MS;
  #reloads: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(o: SelfHealDaemonOptions) {
    this.#o = o;
    this.#slots = new Slots(o.maxHeals ?? DEFAULT_MAX_HEALS);
  }

  /**
   * Serves the `shd` program on `host:port` (0 = any free port) to its `callers`, loads the volumes (retrying in
   * the background while the source is unreachable) and starts the periodic crawls. Resolves to
   * the bound port; the listen error (EADDRINUSE…) otherwise.
   */
  async start(port = 0): Promise<number> {
    const callers = this.#o.callers;
    const server = createRpcServer({
      // Its calls are a volume name and a flag; nothing it serves needs more.
      log: this.#o.log.child('rpc'), maxFrameBytes: 1024 * 1024,
      ...(callers ? {
        tls: callers.tls,
        secretOf: (u: string) => (u === callers.user ? callers.secret : undefined),
        admit: (a) => (a.user === callers.user ? undefined : 'the self-heal daemon answers only its glusterd'),
      } : {}),
    });
    server.program(SHD_PROGRAM, shdProcs(this));
    const bound = await server.listen(port, this.#o.host);
    this.#server = server;
    await this.#reloadOrRetry();
    const every = (this.#o.healTimeoutSec ?? DEFAULT_HEAL_TIMEOUT_SEC) * 1000;
    this.#tick = setInterval(() => this.#periodic(), every);
    this.#tick.unref();
    return bound;
  }

  /** The volumes this daemon heals now. */
  volumes(): string[] {
    return [...this.#healers.keys()].sort();
  }

  /**
   * Re-reads the volumes: opens the replica sets of newly started (or re-generated) volumes
   * with a local brick and starts an index crawl on them, and closes those of volumes that
   * stopped. Resolves to the volumes served afterwards. Fails with the source's error.
   */
  reload(): Promise<string[]> {
    const run = this.#reloads.then(() => this.#apply());
    this.#reloads = run.catch(() => {});
    return run;
  }

  /**
   * Starts an index crawl (or a full one) of `volume` in the background. A volume not known yet
   * is looked for once more at the source first; ENOENT if this daemon serves none of its sets.
   */
  async trigger(volume: string, full: boolean): Promise<void> {
    if (!this.#healers.has(volume)) await this.reload().catch((e: unknown) => this.#o.log.warn('reload failed', { error: FsError.from(e).message }));
    this.#healer(volume).request(full ? 'full' : 'index');
  }

  /** The crawl counters of `volume`. ENOENT if this daemon does not serve it. */
  statistics(volume: string): ShdStatistics {
    return this.#healer(volume).statistics();
  }

  /** Resolves once `volume` (every volume by default) has no crawl running or asked for. */
  async idle(volume?: string): Promise<void> {
    const hs = volume === undefined ? [...this.#healers.values()].map((h) => h.healer) : [this.#healer(volume)];
    await Promise.all(hs.map((h) => h.idle()));
  }

  /** Stops serving, cancels crawls and disconnects from every brick. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#tick) clearInterval(this.#tick);
    if (this.#retry) clearTimeout(this.#retry);
    await this.#server?.close();
    await this.#reloads;
    await Promise.all([...this.#healers.values()].map((h) => h.healer.close()));
    this.#healers.clear();
  }

  #healer(volume: string): VolumeHealer {
    const h = this.#healers.get(volume)?.healer;
    if (!h) throw new FsError('ENOENT', `the self-heal daemon on ${this.#o.host} serves no replica set of volume ${volume}`);
    return h;
  }

  #periodic(): void {
    for (const { healer } of this.#healers.values()) healer.request('index');
  }

  async #reloadOrRetry(): Promise<void> {
    try {
      await this.reload();
      this.#retryMs = FIRST_RELOAD_RETRY_MS;
    } catch (e) {
      if (this.#closed) return;
      this.#o.log.warn('cannot read volumes; retrying', { error: FsError.from(e).message, inMs: this.#retryMs });
      this.#retry = setTimeout(() => {
        this.#retry = null;
        void this.#reloadOrRetry();
      }, this.#retryMs);
      this.#retryMs = Math.min(MAX_RELOAD_RETRY_MS, this.#retryMs * 2);
    }
  }

  async #apply(): Promise<string[]> {
    if (this.#closed) return [];
    const host = this.#o.host;
    const wanted = (await this.#o.source.volumes()).filter((v) =>
      v.status === 'Started' && v.replicaCount > 1 && v.bricks.some((b) => b.host === host));
    const volfiles = new Map<string, string>();
    for (const v of wanted) volfiles.set(v.name, await this.#o.source.volfile(v.name));
    for (const [name, cur] of [...this.#healers]) {
      if (volfiles.get(name) === cur.volfile) continue;
      this.#healers.delete(name);
      await cur.healer.close();
      if (!volfiles.has(name)) this.#histories.delete(name);
    }
    for (const [name, volfile] of volfiles) {
      if (!this.#healers.has(name) && !this.#closed) await this.#open(name, volfile);
    }
    return this.volumes();
  }

  async #open(volume: string, volfile: string): Promise<void> {
    const { host } = this.#o;
    const log = this.#o.log.child(volume);
    try {
      const sets = await openReplicaSets(parseVolfile(volfile), log, (s) => s.children.some((c) => c.host === host), {
        timeoutMs: this.#o.openTimeoutMs ?? 2000, resolve: this.#o.resolve, sslDir: this.#o.sslDir,
      });
      if (sets.length === 0) return;
      const history = this.#histories.get(volume) ?? new CrawlHistory();
      this.#histories.set(volume, history);
      const healer = new VolumeHealer({ volume, host, sets, slots: this.#slots, history, log });
      this.#healers.set(volume, { healer, volfile });
      log.info('healing volume', { sets: sets.map((s) => s.spec.afr) });
      healer.request('index');
    } catch (e) {
      log.error('cannot mount the volume\'s replica sets', { error: FsError.from(e).message });
    }
  }
}
