/**
 * The management records glusterd stores and exchanges with its peers and the CLI. Every field
 * is a wire value (strings, numbers, booleans, arrays, plain objects), so records travel over
 * the RPC unchanged and are stored as JSON as they are.
 */

/** A brick: an export directory on one server, `host:/abs/path`. */
export interface BrickRef {
  /** The server's address as its glusterd advertises it (`--host`). */
  host: string;
  /** Absolute, normalized directory path on that server. */
  path: string;
}

/** How a volume lays its bricks out, named as GlusterFS's `volume info` prints it. */
export type VolumeType = 'Distribute' | 'Replicate' | 'Distributed-Replicate';

/** `Created` after create, `Started`/`Stopped` after start/stop (GlusterFS's words). */
export type VolumeStatus = 'Created' | 'Started' | 'Stopped';

/** One volume as every glusterd of the pool stores it. */
export interface VolumeRecord {
  name: string;
  /** The volume UUID (GlusterFS's volume-id, stamped on brick roots). */
  id: string;
  type: VolumeType;
  /** Bricks per replica set (1 for pure distribute). */
  replicaCount: number;
  /** Bricks per replica set that are arbiters (0 or 1; the last brick of each set). */
  arbiterCount?: number;
  /** Bricks in creation order; consecutive groups of `replicaCount` form replica sets. */
  bricks: BrickRef[];
  status: VolumeStatus;
  /** Reconfigured options (`volume set`), volfile keys → values. */
  options: Record<string, string>;
  transport: 'tcp';
  /** Bumped on every change; the higher version wins when peers reconcile. */
  version: number;
  /** Triggers defined on the volume (`gtrigger add`), in the order they were added; absent when none. */
  triggers?: TriggerRecord[];
}

/**
 * A trigger defined on a volume. glusterd only stores it, keeps it in sync on every server like
 * the volume's options, and writes the volume's list into each of its local bricks
 * (`BRICK/.glusterfs/triggers.json`, see `brick-triggers.ts`); what `definition` means is the
 * business of the brick-side runner that reads that file (gfind's), never glusterd's.
 */
export interface TriggerRecord {
  /** Unique within the volume: 1-64 of `A-Z a-z 0-9 . _ -`, starting with a letter or digit. */
  name: string;
  /** A fresh UUID for each add, so a trigger removed and added again under its name starts over. */
  id: string;
  /** When it was added, ms since the epoch (the adding glusterd's clock). */
  created: number;
  /** The definition as the tool that added it wrote it: a JSON object of at most 16 KiB. */
  definition: Record<string, unknown>;
}

/** A member of the trusted storage pool. */
export interface PeerRecord {
  uuid: string;
  /** The address the peer's glusterd advertises and binds. */
  host: string;
  /** The peer's management port. */
  port: number;
}

/** A peer as `peer status` shows it. */
export interface PeerState extends PeerRecord {
  connected: boolean;
}

/** One brick's runtime state as `volume status` shows it. */
export interface BrickStatus extends BrickRef {
  /** TCP port of the running brick, or null when it is not running. */
  port: number | null;
  /** Process id of the running brick, or null. */
  pid: number | null;
  online: boolean;
  /** Why the brick is not online (start failure, unreachable peer), when known. */
  error?: string;
  /** Its change journal, as the brick's own server reads it. */
  journal?: BrickJournalStatus;
}

/** A brick's change journal in `volume status`. */
export interface BrickJournalStatus {
  /** `changelog.changelog` is on. */
  enabled: boolean;
  /** Journal files kept, and their total size. */
  files: number;
  bytes: number;
  /** When the newest file started (ms since the epoch), or null without files. */
  newestFileStart: number | null;
  /**
   * Registered consumers: `behind` records not consumed yet (`atLeast` when counting stopped at
   * the cap), and the consumer's own `summary` when it saves one with its checkpoint.
   */
  consumers: { name: string; updated: number; behind: number; atLeast: boolean; summary?: string }[];
  /** Why the journal could not be read, if it could not. */
  error?: string;
}

/** A per-server daemon of a volume (the self-heal daemon) as `volume status` shows it. */
export interface DaemonStatus {
  /** The server it runs on, as its glusterd advertises it. */
  host: string;
  /** Process id, or null when it is not running. */
  pid: number | null;
  /** Its RPC port, or null when it is not running. */
  port: number | null;
  online: boolean;
  /** Why it is not online, when known. */
  error?: string;
  /** Its heal crawl of the volume now running, if any (self-heal daemons only). */
  crawl?: HealCrawlSummary | null;
}

/** A self-heal daemon's crawl as `volume status` shows it. */
export interface HealCrawlSummary {
  kind: string;
  /** Heals queued so far and finished so far. */
  total: number;
  done: number;
  healed: number;
  splitBrain: number;
  bytesMoved: number;
}

/** What `volume status` returns for one volume. */
export interface VolumeStatusReport {
  name: string;
  status: VolumeStatus;
  bricks: BrickStatus[];
  /**
   * The self-heal daemon of every server holding bricks of the volume, in brick-host order;
   * empty for volumes without replicas or with `cluster.self-heal-daemon off`.
   */
  selfHeal: DaemonStatus[];
}

/** Arguments of `volume create`, as parsed by the CLI. */
export interface CreateVolumeRequest {
  name: string;
  /** Omitted or 1 for pure distribute. */
  replicaCount?: number;
  /** `arbiter 1`: the last brick of each replica set holds only names and metadata (replica 3 only). */
  arbiterCount?: number;
  /** `HOST:/path` words exactly as typed. */
  bricks: string[];
  force?: boolean;
}

/** Everything a glusterd knows about the pool, exchanged when peers (re)connect. */
export interface ClusterState {
  self: PeerRecord;
  peers: PeerRecord[];
  volumes: VolumeRecord[];
  /** Volume ids deleted in this pool, so a peer that missed the delete does not revive them. */
  deleted: string[];
}
