/**
 * Virtual xattrs: names that no brick stores, answered by a translator instead (as GlusterFS
 * answers `glusterfs.pathinfo` or `replica.split-brain-status`). They are how programs outside
 * the graph (the self-heal daemon, `gluster volume heal`) ask replicate, the index translator and
 * the storage leaves for what only they know, through the fop seam.
 */
export const VXATTR = {
  /**
   * storage/*: `getxattr('/', 'glusterfs.gfid-path.<gfid>')` → the volume path (UTF-8) of the
   * entry with that GFID on this brick (any one name of a hard-linked file). ENOENT when absent.
   */
  GFID_PATH_PREFIX: 'glusterfs.gfid-path.',
  /**
   * features/index: `getxattr('/', 'glusterfs.index.xattrop')` → JSON `string[]` of the GFIDs
   * whose replication counters on this brick are not all zero.
   */
  INDEX_XATTROP: 'glusterfs.index.xattrop',
  /** features/index: `getxattr('/', 'glusterfs.index.count')` → the number of such GFIDs (decimal text). */
  INDEX_COUNT: 'glusterfs.index.count',
  /**
   * features/index: `removexattr('/', 'glusterfs.index.xattrop.<gfid>')` drops a stale entry
   * (its inode is gone); absent entries are not an error.
   */
  INDEX_PURGE_PREFIX: 'glusterfs.index.xattrop.',
  /** cluster/afr: `getxattr('/', …)` → JSON {@link HealIndexReply}: every child's index. */
  HEAL_INDEX: 'glusterfs.heal.index',
  /** cluster/afr: `getxattr('/', …)` → JSON {@link HealInfoReply}: pending entries with paths. */
  HEAL_INFO: 'glusterfs.heal.info',
  /**
   * cluster/afr: `getxattr(loc, 'glusterfs.heal.run')` heals the entry at `loc.path`;
   * `getxattr('/', 'glusterfs.heal.run.<gfid>')` heals a GFID. Answers JSON {@link HealResult}.
   * With `ctx.xdata[HEAL_FULL_XDATA] = true` it compares every replica even without pending
   * marks (names, metadata, data checksums), as `heal full` does.
   */
  HEAL_RUN: 'glusterfs.heal.run',
  /**
   * cluster/afr: `getxattr(loc, 'glusterfs.heal.split-brain.<policy>')` (or
   * `…<policy>.<gfid>` on '/') resolves a split-brain by `bigger-file`, `latest-mtime` or
   * `source-brick` (then `ctx.xdata[SOURCE_BRICK_XDATA]` names the child, e.g. `gv0-client-1`).
   * Answers JSON {@link HealResult}; EINVAL when the entry is not in split-brain.
   */
  HEAL_SPLIT_BRAIN_PREFIX: 'glusterfs.heal.split-brain.',
} as const;

/** `ctx.xdata` key: a heal.run compares everything, not only what is marked pending. */
export const HEAL_FULL_XDATA = 'heal-full';
/** `ctx.xdata` key: the child (client translator name) a `source-brick` resolution copies from. */
export const SOURCE_BRICK_XDATA = 'source-brick';

/** Split-brain resolution policies of `gluster volume heal VOL split-brain …`. */
export type SplitBrainPolicy = 'bigger-file' | 'latest-mtime' | 'source-brick';

/** What kind of disagreement keeps an entry from healing by itself. */
export type SplitBrainKind = 'data' | 'metadata' | 'entry' | 'gfid' | 'type';

/** The outcome of healing one entry. */
export interface HealResult {
  gfid: string;
  /** Its volume path, when known. */
  path: string | null;
  /** What was repaired. */
  healed: ('entry' | 'metadata' | 'data')[];
  /** Still needs heal afterwards (a sink was down, or it is in split-brain). */
  pending: boolean;
  /** Set when the replicas accuse each other and no policy chose a winner. */
  splitBrain: SplitBrainKind | null;
  /** Someone else held the heal locks; try again later. */
  busy: boolean;
  /** No replica has it any more (its index entries were dropped). */
  gone: boolean;
  /** File bytes written to sinks. */
  bytesMoved: number;
}

/** One child of a replica set in {@link HealIndexReply} / {@link HealInfoReply}. */
export interface HealChildIndex {
  /** The child translator's name (`<vol>-client-<i>`). */
  name: string;
  up: boolean;
}

/** Every child's index of GFIDs needing heal. */
export interface HealIndexReply {
  children: (HealChildIndex & { gfids: string[] })[];
}

/** One entry `heal info` lists. */
export interface HealInfoEntry {
  gfid: string;
  path: string | null;
  splitBrain: boolean;
}

/** Pending entries per child, as `heal info` prints them. */
export interface HealInfoReply {
  children: (HealChildIndex & { entries: HealInfoEntry[] })[];
}
