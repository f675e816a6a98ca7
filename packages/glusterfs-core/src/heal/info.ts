import { FsError } from '../errors/index.js';
import { VXATTR, type HealInfoEntry, type HealInfoReply } from '../format/index.js';
import type { ReplicaSetHandle } from './open-sets.js';
import { getVxattrJson, rootLoc } from './vxattr.js';

/** What `heal info` reports for one brick. */
export interface BrickHealInfo {
  /** `host:path`. */
  brick: string;
  /** Whether the brick answered (false: "Transport endpoint is not connected"). */
  up: boolean;
  /** Entries pending heal on this brick (only split-brain ones when asked for). */
  entries: HealInfoEntry[];
}

/** Options of {@link healInfo}. */
export interface HealInfoOptions {
  /** Keep only entries in split-brain (`heal VOL info split-brain`). */
  splitBrainOnly?: boolean;
}

/**
 * Asks each replica set's afr for its pending entries (`getxattr('/', glusterfs.heal.info)`)
 * and returns one record per brick, in the volume's brick order. A set that cannot answer at
 * all (every brick down) reports each of its bricks as down; other errors propagate.
 */
export async function healInfo(sets: ReplicaSetHandle[], opts: HealInfoOptions = {}): Promise<BrickHealInfo[]> {
  const perSet = await Promise.all(sets.map((s) => setInfo(s, opts.splitBrainOnly === true)));
  return perSet.flat();
}

async function setInfo(set: ReplicaSetHandle, splitBrainOnly: boolean): Promise<BrickHealInfo[]> {
  let reply: HealInfoReply | null = null;
  try {
    reply = await getVxattrJson<HealInfoReply>(set.top, rootLoc(), VXATTR.HEAL_INFO);
  } catch (e) {
    if (FsError.from(e).code !== 'ENOTCONN') throw e;
  }
  return set.spec.children.map((c) => {
    const child = reply?.children.find((r) => r.name === c.name);
    if (!child?.up) return { brick: c.brick, up: false, entries: [] };
    const entries = splitBrainOnly ? child.entries.filter((e) => e.splitBrain) : child.entries;
    return { brick: c.brick, up: true, entries };
  });
}
