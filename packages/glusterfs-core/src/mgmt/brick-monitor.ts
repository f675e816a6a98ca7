import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { launchBrick, stopBrick, type RunningBrick } from './brick-process.js';
import { clientSubvolName, formatBrick } from './brick-spec.js';
import { writeJsonAtomic } from './atomic-json.js';
import { createSerializer } from './context.js';
import { readPidFile, removePidFile, stopForeignProcess, writePidFile } from './pidfile.js';
import { findFreePort, isPortFree } from './ports.js';
import type { Store } from './store.js';
import type { BrickRef, BrickStatus, VolumeRecord } from './types.js';
import { brickReachableBy } from './brick-exposure.js';
import { syncBrickTriggers } from './brick-triggers.js';
import { brickVolfile, type BrickServerAccess } from './volgen.js';
import { changelogOn, taskModulesOf } from './volume-options.js';
import { journalStatusOf } from './journal-status.js';

/** How the monitor finds and runs bricks. */
export interface BrickMonitorOptions {
  store: Store;
  /** This glusterd's host: only bricks on it are run here. */
  host: string;
  /** glusterd's own port, never handed to a brick. */
  mgmtPort: number;
  brickPortBase: number;
  /** Path of the glusterfsd entry script. */
  glusterfsd: string;
  /** The passwords and TLS directory a brick of `vol` serves with. */
  serverAccess(vol: VolumeRecord): BrickServerAccess;
  log: Logger;
}

interface Supervised {
  volume: string;
  index: number;
  brick: BrickRef;
  want: boolean;
  running?: RunningBrick;
  starting?: Promise<void>;
  timer?: NodeJS.Timeout;
  backoffMs: number;
  /** Consecutive attempts that never reached READY. */
  failures: number;
  givenUp: boolean;
  lastError?: string;
  upSince: number;
  /** What the running process was started with ({@link launchKey}); a change restarts it. */
  launchedWith?: string;
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
/** A brick that fails this many starts in a row is reported instead of retried forever. */
const MAX_FAILED_STARTS = 5;
/** A brick that stayed up this long counts as healthy again: its backoff starts over. */
const STABLE_MS = 10_000;

/**
 * Runs and watches the bricks of this host. A brick that dies while its volume is started is
 * restarted with a backoff (0.2 s doubling to 5 s); one that cannot even start (its directory is
 * gone, it exits before READY five times running) is given up and reported in `volume status`
 * until a `volume start NAME force` asks again.
 */
export class BrickMonitor {
  readonly #o: BrickMonitorOptions;
  readonly #bricks = new Map<string, Supervised>();
  #closing = false;
  /** Port choice is one at a time, so two bricks starting together never pick the same port. */
  readonly #allocating = createSerializer();

  constructor(options: BrickMonitorOptions) {
    this.#o = options;
  }

  /**
   * Brings this host's bricks of `vol` to the volume's state: running when it is Started,
   * stopped otherwise. `force` retries given-up bricks. Resolves after one start attempt per
   * brick, with their statuses.
   */
  async reconcile(given: VolumeRecord, force = false): Promise<BrickStatus[]> {
    // The store holds the newest record; an older one (a restore queued at boot) must not win.
    const stored = this.#o.store.volume(given.name);
    const vol = stored && stored.id === given.id && stored.version > given.version ? stored : given;
    const local = vol.bricks.map((brick, index) => ({ brick, index })).filter((b) => b.brick.host === this.#o.host);
    if (vol.status !== 'Started') {
      await Promise.all(local.map((b) => this.#stop(b.brick.path)));
      return this.status(vol);
    }
    // New bricks get their ports in brick order (b1 → base, b2 → base+1, …), before any starts.
    for (const { brick } of local) if (this.#o.store.brickPort(brick.path) === undefined) await this.portFor(brick.path);
    await Promise.all(local.map(async ({ brick, index }) => {
      let sup = this.#bricks.get(brick.path);
      if (!sup) {
        sup = { volume: vol.name, index, brick, want: true, backoffMs: FIRST_BACKOFF_MS, failures: 0, givenUp: false, upSince: 0 };
        this.#bricks.set(brick.path, sup);
      }
      sup.want = true;
      if (force && sup.givenUp) Object.assign(sup, { givenUp: false, failures: 0, lastError: undefined });
      if (sup.starting) await sup.starting;
      else if (!sup.running && !sup.givenUp) {
        clearTimeout(sup.timer);
        await this.#startOnce(sup);
      }
    }));
    await this.#restartChanged(vol);
    await Promise.all(local.map(({ brick }) => this.#syncTriggers(vol, brick)));
    return this.status(vol);
  }

  /**
   * Writes the volume's trigger definitions into a local brick for its runner (unchanged ones
   * are not rewritten). A failure is logged: the brick keeps serving with the triggers it had.
   */
  async #syncTriggers(vol: VolumeRecord, brick: BrickRef): Promise<void> {
    try {
      await syncBrickTriggers(vol, brick);
    } catch (e) {
      this.#o.log.error('cannot write the trigger definitions into a brick', { brick: formatBrick(brick), error: (e as Error).message });
    }
  }

  /**
   * Restarts running bricks whose volfile or arguments changed (`volume set` of a brick
   * option), one at a time so a replicated volume keeps a live copy while each one restarts.
   */
  async #restartChanged(vol: VolumeRecord): Promise<void> {
    for (const sup of this.#bricks.values()) {
      if (sup.volume !== vol.name || !sup.running || sup.starting || !sup.want) continue;
      if (sup.launchedWith === launchKey(vol, sup.brick, this.#o.serverAccess(vol))) continue;
      const old = sup.running;
      // Cleared first, so #onExit sees a replaced process and schedules no restart of its own.
      sup.running = undefined;
      this.#o.log.info('restarting brick for new options', { brick: formatBrick(sup.brick), pid: old.pid });
      await stopBrick(old);
      Object.assign(sup, { failures: 0, backoffMs: FIRST_BACKOFF_MS });
      await this.#startOnce(sup);
    }
  }

  /** Stops every local brick of the volume called `name`. */
  async stopVolume(name: string): Promise<void> {
    const paths = [...this.#bricks.values()].filter((s) => s.volume === name).map((s) => s.brick.path);
    await Promise.all(paths.map((p) => this.#stop(p)));
  }

  /** Runtime status of this host's bricks of `vol`, in brick order. */
  status(vol: VolumeRecord): BrickStatus[] {
    return vol.bricks.filter((b) => b.host === this.#o.host).map((b) => {
      const sup = this.#bricks.get(b.path);
      const r = sup?.running;
      return {
        host: b.host, path: b.path, port: r?.port ?? null, pid: r?.pid ?? null, online: !!r,
        ...(sup?.lastError && !r ? { error: sup.lastError } : {}),
        journal: journalStatusOf(b.path, changelogOn(vol.options)),
      };
    });
  }

  /** Port of the running brick exporting `path`, or undefined. */
  portOf(path: string): number | undefined {
    return this.#bricks.get(path)?.running?.port;
  }

  /** Stops every brick (glusterd is exiting). */
  async shutdown(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#bricks.keys()].map((p) => this.#stop(p)));
  }

  async #stop(path: string): Promise<void> {
    const sup = this.#bricks.get(path);
    if (!sup) return;
    sup.want = false;
    clearTimeout(sup.timer);
    if (sup.starting) await sup.starting.catch(() => {});
    this.#bricks.delete(path);
    if (sup.running) {
      this.#o.log.info('stopping brick', { brick: formatBrick(sup.brick), pid: sup.running.pid });
      await stopBrick(sup.running);
    }
  }

  #startOnce(sup: Supervised): Promise<void> {
    sup.starting = this.#attempt(sup).finally(() => { sup.starting = undefined; });
    return sup.starting;
  }

  async #attempt(sup: Supervised): Promise<void> {
    const { store, log } = this.#o;
    const missing = await checkBrickDir(sup.brick.path, sup.volume);
    if (missing) {
      Object.assign(sup, { lastError: missing, givenUp: true });
      log.error('brick not started', { brick: formatBrick(sup.brick), reason: missing });
      return;
    }
    try {
      const vol = store.volume(sup.volume);
      if (!vol) return;
      const volfile = store.brickVolfilePath(vol.name, sup.brick);
      const access = this.#o.serverAccess(vol);
      // It holds the brick's passwords: for glusterd's user only.
      await writeJsonAtomic(volfile, brickVolfile(vol, sup.brick, access), 0o600);
      await this.#syncTriggers(vol, sup.brick);
      const launchedWith = launchKey(vol, sup.brick, access);
      const exposedBy = await brickReachableBy(sup.brick.path);
      if (exposedBy) {
        log.warn(`brick ${formatBrick(sup.brick)} is reachable by other local users: ${exposedBy}. Its files keep the owners and modes clients gave them (setuid programs and group-readable data included); make a directory above it mode 0700 (e.g. chmod 700 ${exposedBy.split(' ')[0]})`);
      }
      const running = await launchBrick({
        glusterfsd: this.#o.glusterfsd, volfile, brickPath: sup.brick.path, volume: vol.name,
        subvolume: clientSubvolName(vol.name, sup.index), host: this.#o.host,
        port: await this.portFor(sup.brick.path), logFile: store.brickLogPath(vol.name, sup.brick),
        tasks: taskModulesOf(vol.options),
      });
      if (!sup.want || this.#closing) {
        await stopBrick(running);
        return;
      }
      Object.assign(sup, { running, launchedWith, upSince: Date.now(), lastError: undefined });
      if (running.port !== store.brickPort(sup.brick.path)) await store.setBrickPort(sup.brick.path, running.port);
      await writePidFile(store.brickPidPath(vol.name, sup.brick), running.pid);
      log.info('brick online', { brick: formatBrick(sup.brick), pid: running.pid, port: running.port });
      void running.exited.then((how) => this.#onExit(sup, running, how));
    } catch (e) {
      sup.failures++;
      sup.lastError = e instanceof FsError ? e.message.replace(`${e.code}: `, '') : String(e);
      log.error('brick failed to start', { brick: formatBrick(sup.brick), attempt: sup.failures, error: sup.lastError });
      if (sup.failures >= MAX_FAILED_STARTS) {
        sup.givenUp = true;
        sup.lastError += ` (gave up after ${sup.failures} attempts; fix the cause, then run \`gluster volume start ${sup.volume} force\`)`;
      } else {
        this.#scheduleRestart(sup);
      }
    }
  }

  #onExit(sup: Supervised, running: RunningBrick, how: { code: number | null; signal: string | null }): void {
    if (sup.running !== running) return;
    sup.running = undefined;
    void removePidFile(this.#o.store.brickPidPath(sup.volume, sup.brick));
    if (!sup.want || this.#closing) return;
    this.#o.log.warn('brick died; restarting it', { brick: formatBrick(sup.brick), pid: running.pid, ...how });
    if (Date.now() - sup.upSince > STABLE_MS) sup.backoffMs = FIRST_BACKOFF_MS;
    this.#scheduleRestart(sup);
  }

  #scheduleRestart(sup: Supervised): void {
    const delay = sup.backoffMs;
    sup.backoffMs = Math.min(sup.backoffMs * 2, MAX_BACKOFF_MS);
    clearTimeout(sup.timer);
    sup.timer = setTimeout(() => {
      if (sup.want && !this.#closing && !sup.running && !sup.starting) void this.#startOnce(sup);
    }, delay);
  }

  /**
   * A port from this host's brick range for `key` (a brick path, or another daemon's name): the
   * one remembered for it if still free, else the next free one (remembered). Choices are made
   * one at a time, so two daemons starting together never pick the same port.
   */
  portFor(key: string): Promise<number> {
    return this.#allocating(() => this.#choosePort(key));
  }

  async #choosePort(path: string): Promise<number> {
    const { store, host, brickPortBase, mgmtPort } = this.#o;
    const known = store.brickPort(path);
    if (known !== undefined && await isPortFree(host, known)) return known;
    const taken = store.allocatedPorts();
    taken.add(mgmtPort);
    const port = await findFreePort(host, brickPortBase, taken);
    await store.setBrickPort(path, port);
    return port;
  }

  /**
   * Stops bricks left running by an earlier glusterd of this workdir that was killed hard (their
   * pidfiles are still in `run/`), so the volume state this glusterd learns decides what runs.
   */
  async stopLeftovers(): Promise<void> {
    const runDir = join(this.#o.store.workdir, 'run');
    const files = await readdir(runDir).catch(() => [] as string[]);
    await Promise.all(files.filter((f) => f.endsWith('.pid')).map(async (f) => {
      const pid = await readPidFile(join(runDir, f));
      if (pid !== undefined && await stopForeignProcess(pid, ['glusterfsd'])) {
        this.#o.log.warn('stopped a brick left over from an earlier glusterd', { pidfile: f, pid });
      }
      await removePidFile(join(runDir, f));
    }));
  }
}

/** What a brick process of `vol` runs with: its volfile and its task modules. */
function launchKey(vol: VolumeRecord, brick: BrickRef, access: BrickServerAccess): string {
  return JSON.stringify([brickVolfile(vol, brick, access), taskModulesOf(vol.options)]);
}

/** Why a brick directory cannot be served, or undefined when it is a directory. */
async function checkBrickDir(path: string, volume: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    return st.isDirectory() ? undefined : `brick path ${path} is not a directory`;
  } catch (e) {
    return `brick directory ${path} is unreachable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); `
      + `was it removed or its disk unmounted? Restore it, then run \`gluster volume start ${volume} force\``;
  }
}
