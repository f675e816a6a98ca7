import { FsError } from '../errors/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import { connectRpc, type Credentials, type TlsMaterial } from '../rpc/index.js';
import type { RpcClient } from '../rpc/types.js';
import { GETSPEC_PROGRAM, MGMT_PROGRAM, PMAP_PROGRAM, type ProbeOutcome } from './protocol.js';
import type { ShdStatistics } from '../shd/index.js';
import type { HostHealStatistics } from './heal-ops.js';
import type {
  BrickRef, BrickStatus, ClusterState, CreateVolumeRequest, DaemonStatus, PeerRecord, PeerState, TriggerRecord, VolumeRecord,
  VolumeStatusReport,
} from './types.js';
import type { OptionValue } from './volume-set.js';

/** Options for {@link MgmtClient.connect}. */
export interface MgmtConnectOptions {
  /** Give up connecting after this long (default 5 s). */
  connectTimeoutMs?: number;
  /** Per-call timeout (default 60 s; volume start waits for bricks). */
  callTimeoutMs?: number;
  /** Keep reconnecting after a loss (peers do; the CLI does not). */
  reconnect?: boolean;
  log?: Logger;
  /** Connect to glusterd's local socket at this path instead of host:port (root's commands). */
  path?: string;
  /** Prove to be this user (glusterds of one pool: the pool secret). */
  credentials?: Credentials;
  /** glusterd's port speaks TLS (secure-access): present this certificate. */
  tls?: TlsMaterial;
}

/** What `hello` tells about the glusterd at the other end. */
export interface GlusterdHello extends PeerRecord {
  /** Its local socket, through which root on its host may change things. */
  socket: string;
  /** Its port speaks TLS only (secure-access). */
  secureAccess: boolean;
}

/**
 * A typed handle on one glusterd's management programs, for the `gluster` CLI, `gcluster`,
 * clients and other glusterds. Failures are FsError carrying glusterd's message; ENOTCONN when
 * glusterd cannot be reached.
 */
export class MgmtClient {
  readonly rpc: RpcClient;

  constructor(rpc: RpcClient) {
    this.rpc = rpc;
  }

  /**
   * Connects to the glusterd at `host:port` (or its local socket `o.path`); ENOTCONN (or
   * ETIMEDOUT) when none answers, EACCES when it refuses this client.
   */
  static async connect(host: string, port: number, o: MgmtConnectOptions = {}): Promise<MgmtClient> {
    const rpc = connectRpc({
      host, port, log: o.log ?? silentLogger(), reconnect: o.reconnect ?? false,
      callTimeoutMs: o.callTimeoutMs ?? 60_000, path: o.path, credentials: o.credentials, tls: o.tls,
    });
    try {
      await rpc.waitConnected(o.connectTimeoutMs ?? 5000);
    } catch (e) {
      await rpc.close().catch(() => {});
      throw FsError.from(e);
    }
    return new MgmtClient(rpc);
  }

  #mgmt<T>(proc: string, ...args: unknown[]): Promise<T> {
    return this.rpc.call(MGMT_PROGRAM, proc, args) as Promise<T>;
  }

  /** Creates a volume (bricks made on their hosts); the stored record. */
  volumeCreate(req: CreateVolumeRequest): Promise<VolumeRecord> { return this.#mgmt('volumeCreate', req); }
  /** Starts a volume's bricks on every host; their statuses. */
  volumeStart(name: string, force = false): Promise<VolumeStatusReport> { return this.#mgmt('volumeStart', name, force); }
  /** Stops a volume's bricks on every host. */
  volumeStop(name: string, force = false): Promise<VolumeRecord> { return this.#mgmt('volumeStop', name, force); }
  /** Deletes a stopped volume from the pool (brick data stays on disk). */
  volumeDelete(name: string): Promise<null> { return this.#mgmt('volumeDelete', name); }
  /** One volume (ENOENT if unknown) or all of them. */
  volumeInfo(name?: string): Promise<VolumeRecord[]> { return this.#mgmt('volumeInfo', name ?? null); }
  /** Runtime status of one started volume or of every started volume. */
  volumeStatus(name?: string): Promise<VolumeStatusReport[]> { return this.#mgmt('volumeStatus', name ?? null); }
  /** Sets a volume option (`volume set`); the updated record. EINVAL for a bad key or value. */
  volumeSet(name: string, key: string, value: string): Promise<VolumeRecord> { return this.#mgmt('volumeSet', name, key, value); }
  /** Resets one option, or all of them when `key` is omitted; the updated record. */
  volumeReset(name: string, key?: string): Promise<VolumeRecord> { return this.#mgmt('volumeReset', name, key ?? null); }
  /** One option's value (`key`) or every option's (`all`), defaults for unset ones. */
  volumeGet(name: string, key: string): Promise<OptionValue[]> { return this.#mgmt('volumeGet', name, key); }
  /** Volume names. */
  volumeList(): Promise<string[]> { return this.#mgmt('volumeList'); }
  /**
   * Asks every brick server's self-heal daemon to crawl the volume now (`full`: the whole
   * tree); resolves once all accepted. EINVAL for a volume without replicas, EAGAIN when stopped.
   */
  volumeHeal(name: string, full = false): Promise<null> { return this.#mgmt('volumeHeal', name, full); }
  /** Every brick server's self-heal daemon's crawl statistics of the volume. */
  volumeHealStatistics(name: string): Promise<HostHealStatistics[]> { return this.#mgmt('volumeHealStatistics', name); }
  /**
   * Defines a trigger on a volume (local socket only: its commands run as root on the servers);
   * the stored record. EINVAL (bad name, definition too large), EEXIST, ENOENT (no such volume), EACCES.
   */
  triggerAdd(volume: string, name: string, definition: Record<string, unknown>): Promise<TriggerRecord> {
    return this.#mgmt('triggerAdd', volume, name, definition);
  }
  /** Removes a volume's trigger (local socket only). ENOENT when the volume has none of that name, EACCES. */
  triggerRemove(volume: string, name: string): Promise<null> { return this.#mgmt('triggerRemove', volume, name); }
  /** A volume's triggers, in the order they were added. ENOENT for an unknown volume. */
  triggerList(volume: string): Promise<TriggerRecord[]> { return this.#mgmt('triggerList', volume); }
  /** Adds the glusterd at `host:port` to the pool. */
  peerProbe(host: string, port?: number): Promise<{ outcome: ProbeOutcome; peer: PeerRecord }> {
    return this.#mgmt('peerProbe', host, port ?? null);
  }
  /** The other members of the pool, with their connection state. */
  peerStatus(): Promise<PeerState[]> { return this.#mgmt('peerStatus'); }
  /** Every member of the pool, this glusterd included. */
  poolList(): Promise<{ self: PeerRecord; peers: PeerState[] }> { return this.#mgmt('poolList'); }
  /** Removes a peer that hosts no bricks from the pool. */
  peerDetach(host: string, force = false): Promise<null> { return this.#mgmt('peerDetach', host, force); }

  /** Identity of the glusterd at the other end, and where its local socket is. */
  hello(): Promise<GlusterdHello> { return this.#mgmt('hello'); }
  /** Asks a fresh glusterd to join the caller's pool (adopting its secret, hex); its identity. */
  peerJoin(state: ClusterState, poolSecret: string): Promise<PeerRecord> { return this.#mgmt('peerJoin', state, poolSecret); }
  /** The secret glusterd shares with its self-heal daemon (local socket only), hex. */
  shdSecret(): Promise<string> { return this.#mgmt('shdSecret'); }
  /** Tells a member about a new one. */
  peerAdd(peer: PeerRecord): Promise<null> { return this.#mgmt('peerAdd', peer); }
  /** Tells a member a peer left. */
  peerRemove(uuid: string): Promise<null> { return this.#mgmt('peerRemove', uuid); }
  /** Tells a peer it was detached: it forgets the pool. */
  peerLeave(): Promise<null> { return this.#mgmt('peerLeave'); }
  /** Everything the glusterd at the other end knows. */
  clusterState(): Promise<ClusterState> { return this.#mgmt('clusterState'); }
  /** Stores a volume record and brings its local bricks to its state; their statuses. */
  applyVolume(vol: VolumeRecord, force = false): Promise<BrickStatus[]> { return this.#mgmt('applyVolume', vol, force); }
  /** Stops local bricks of a volume and forgets it. */
  dropVolume(name: string, id: string): Promise<null> { return this.#mgmt('dropVolume', name, id); }
  /** Creates (mkdir -p) and checks brick directories on their host. */
  prepareBricks(volume: string, bricks: BrickRef[], force: boolean): Promise<null> {
    return this.#mgmt('prepareBricks', volume, bricks, force);
  }
  /** Status of the bricks of a volume that run on the glusterd at the other end. */
  localStatus(name: string): Promise<BrickStatus[]> { return this.#mgmt('localStatus', name); }
  /** Status of the self-heal daemon of the glusterd at the other end. */
  localShdStatus(): Promise<DaemonStatus> { return this.#mgmt('localShdStatus'); }
  /** Asks the self-heal daemon of the glusterd at the other end to crawl a volume. */
  localHeal(name: string, full: boolean): Promise<null> { return this.#mgmt('localHeal', name, full); }
  /** That self-heal daemon's crawl statistics of a volume. */
  localHealStatistics(name: string): Promise<ShdStatistics> { return this.#mgmt('localHealStatistics', name); }

  /** Port of the running brick exporting `path` on that host (ENOENT when not running). */
  async portByBrick(path: string): Promise<number> {
    return (await this.rpc.call(PMAP_PROGRAM, 'portByBrick', [path])) as number;
  }

  /** The client volfile JSON text of a started volume. */
  async getSpec(volume: string): Promise<string> {
    return (await this.rpc.call(GETSPEC_PROGRAM, 'get', [volume])) as string;
  }

  close(): Promise<void> {
    return this.rpc.close();
  }
}
