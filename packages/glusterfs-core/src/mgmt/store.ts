import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from './atomic-json.js';
import { brickFileId } from './brick-spec.js';
import type { BrickRef, PeerRecord, VolumeRecord } from './types.js';

/**
 * glusterd's persistent store under its working directory (GlusterFS's /var/lib/glusterd):
 *
 *     glusterd.json            own uuid, host, port
 *     peers.json               the other members of the pool
 *     vols/<name>/info.json    one volume record per volume
 *     vols/<name>/<brick>.vol.json  brick volfiles (regenerated on start)
 *     deleted.json             ids of deleted volumes (so reconciling peers do not revive them)
 *     ports.json               brick path → port, stable across restarts (this host only)
 *     run/<brick>.pid          pids of running bricks, for cleanup after a crash
 *     glustershd/glustershd.pid  pid of the running self-heal daemon
 *     logs/bricks/<brick>.log  brick logs (or under --log-dir)
 *     logs/glustershd.log      the self-heal daemon's log (or under --log-dir)
 *
 * Every file is written atomically. Reads come from memory; the files are only read at open.
 */
export class Store {
  readonly workdir: string;
  /** Where brick logs go (`<logDir>/bricks/`). */
  readonly logDir: string;
  #self: PeerRecord;
  #peers: PeerRecord[] = [];
  #volumes = new Map<string, VolumeRecord>();
  #deleted = new Set<string>();
  #ports: Record<string, number> = {};

  private constructor(workdir: string, self: PeerRecord, logDir: string) {
    this.workdir = workdir;
    this.logDir = logDir;
    this.#self = self;
  }

  /**
   * Opens (or initialises) the store in `workdir`. The uuid is generated once and kept; host and
   * port are the ones this glusterd runs with now. Brick logs go under `logDir` (default
   * `<workdir>/logs`).
   */
  static async open(workdir: string, host: string, port: number, logDir = join(workdir, 'logs')): Promise<Store> {
    await mkdir(join(workdir, 'vols'), { recursive: true });
    const saved = await readJson<Partial<PeerRecord>>(join(workdir, 'glusterd.json'), {});
    const store = new Store(workdir, { uuid: saved.uuid ?? randomUUID(), host, port }, logDir);
    await writeJsonAtomic(join(workdir, 'glusterd.json'), store.#self);
    store.#peers = await readJson<PeerRecord[]>(join(workdir, 'peers.json'), []);
    store.#deleted = new Set(await readJson<string[]>(join(workdir, 'deleted.json'), []));
    store.#ports = await readJson<Record<string, number>>(join(workdir, 'ports.json'), {});
    for (const name of await readdir(join(workdir, 'vols'))) {
      const v = await readJson<VolumeRecord | null>(join(workdir, 'vols', name, 'info.json'), null);
      if (v) store.#volumes.set(v.name, v);
    }
    return store;
  }

  /** This glusterd's identity. */
  get self(): PeerRecord {
    return { ...this.#self };
  }

  /** Records the port actually bound (when glusterd was asked for any free port). */
  async setSelfPort(port: number): Promise<void> {
    this.#self = { ...this.#self, port };
    await writeJsonAtomic(join(this.workdir, 'glusterd.json'), this.#self);
  }

  /** The other members of the pool. */
  peers(): PeerRecord[] {
    return this.#peers.map((p) => ({ ...p }));
  }

  /** Every volume, in name order. */
  volumes(): VolumeRecord[] {
    return [...this.#volumes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The volume called `name`, if any. */
  volume(name: string): VolumeRecord | undefined {
    return this.#volumes.get(name);
  }

  /** True when a volume with this id was deleted in the pool. */
  isDeleted(id: string): boolean {
    return this.#deleted.has(id);
  }

  /** Ids of every deleted volume. */
  deletedIds(): string[] {
    return [...this.#deleted];
  }

  /** Stores (creates or replaces) a volume record. */
  async putVolume(v: VolumeRecord): Promise<void> {
    await writeJsonAtomic(join(this.volDir(v.name), 'info.json'), v);
    this.#volumes.set(v.name, v);
  }

  /**
   * Forgets a volume and its generated files. With `tombstone` its id is remembered as deleted,
   * so a peer that missed the delete cannot bring it back.
   */
  async removeVolume(name: string, tombstone = true): Promise<void> {
    const v = this.#volumes.get(name);
    if (!v) return;
    if (tombstone) await this.markDeleted([v.id]);
    this.#volumes.delete(name);
    await rm(this.volDir(name), { recursive: true, force: true });
  }

  /** Records ids deleted elsewhere in the pool. */
  async markDeleted(ids: readonly string[]): Promise<void> {
    const before = this.#deleted.size;
    for (const id of ids) this.#deleted.add(id);
    if (this.#deleted.size !== before) await writeJsonAtomic(join(this.workdir, 'deleted.json'), [...this.#deleted]);
  }

  /** Adds or updates a peer (matched by uuid, then by host). */
  async upsertPeer(p: PeerRecord): Promise<void> {
    const rest = this.#peers.filter((q) => q.uuid !== p.uuid && q.host !== p.host);
    this.#peers = [...rest, { uuid: p.uuid, host: p.host, port: p.port }];
    await writeJsonAtomic(join(this.workdir, 'peers.json'), this.#peers);
  }

  /** Removes the peer with this uuid. */
  async removePeer(uuid: string): Promise<void> {
    this.#peers = this.#peers.filter((q) => q.uuid !== uuid);
    await writeJsonAtomic(join(this.workdir, 'peers.json'), this.#peers);
  }

  /** The port this host last gave the brick at `path`. */
  brickPort(path: string): number | undefined {
    return this.#ports[path];
  }

  /** Every brick port this host has handed out. */
  allocatedPorts(): Set<number> {
    return new Set(Object.values(this.#ports));
  }

  /** Remembers the port of the brick at `path` (undefined forgets it). */
  async setBrickPort(path: string, port: number | undefined): Promise<void> {
    if (port === undefined) delete this.#ports[path];
    else this.#ports[path] = port;
    await writeJsonAtomic(join(this.workdir, 'ports.json'), this.#ports);
  }

  /** `vols/<name>`. */
  volDir(name: string): string {
    return join(this.workdir, 'vols', name);
  }

  /** Where a brick's volfile is written. */
  brickVolfilePath(volume: string, b: BrickRef): string {
    return join(this.volDir(volume), `${brickFileId(volume, b)}.vol.json`);
  }

  /** Where a brick process logs. */
  brickLogPath(volume: string, b: BrickRef): string {
    return join(this.logDir, 'bricks', `${brickFileId(volume, b)}.log`);
  }

  /** Where the running self-heal daemon's pid is recorded. */
  shdPidPath(): string {
    return join(this.workdir, 'glustershd', 'glustershd.pid');
  }

  /** Where the self-heal daemon logs. */
  shdLogPath(): string {
    return join(this.logDir, 'glustershd.log');
  }

  /** Where a running brick's pid is recorded. */
  brickPidPath(volume: string, b: BrickRef): string {
    return join(this.workdir, 'run', `${brickFileId(volume, b)}.pid`);
  }
}
