import { FsError } from '../errors/index.js';
import { bricksOverlap, formatBrick, parseBrickSpec } from './brick-spec.js';
import type { BrickRef, CreateVolumeRequest, VolumeRecord, VolumeType } from './types.js';

/** The validated shape of a `volume create` request. */
export interface CreatePlan {
  name: string;
  type: VolumeType;
  replicaCount: number;
  /** 1 when the last brick of each replica set is an arbiter, else 0. */
  arbiterCount: number;
  bricks: BrickRef[];
}

/** GlusterFS's message for an arbiter count it does not accept. */
export const ARBITER_USAGE = 'For arbiter configuration, replica count must be 3 and arbiter count must be 1. The 3rd brick of the replica will be the arbiter';

/** What a create request is checked against. */
export interface CreateContext {
  /** Every volume the pool knows. */
  volumes: readonly VolumeRecord[];
  /** Hosts in the pool (this glusterd's own host and every peer's). */
  poolHosts: ReadonlySet<string>;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks a volume name as GlusterFS does: letters, digits, `_` and `-`, not starting with `-`,
 * and not the reserved word `all`. EINVAL otherwise.
 */
export function checkVolumeName(name: string): void {
  if (name === 'all') throw new FsError('EINVAL', '"all" cannot be the name of a volume.');
  if (!NAME_RE.test(name) || name.startsWith('-')) {
    throw new FsError('EINVAL',
      `Volume name ${JSON.stringify(name)} is not valid. Use 1 to 64 letters, digits, '_' or '-', not starting with '-'.`);
  }
}

/**
 * Validates `volume create` against the pool's state, with GlusterFS's messages followed by what
 * to do about it. Throws EINVAL for a bad layout (no bricks, bad replica count, an arbiter
 * outside `replica 3 arbiter 1`, a count that is not a multiple of it, duplicate or nested bricks, replicas on one server without `force`),
 * ENOENT for a host outside the pool, and EEXIST for a taken name. Touches nothing on disk.
 */
export function validateCreate(req: CreateVolumeRequest, ctx: CreateContext): CreatePlan {
  checkVolumeName(req.name);
  if (ctx.volumes.some((v) => v.name === req.name)) {
    throw new FsError('EEXIST',
      `Volume ${req.name} already exists. Pick another name, or remove the old one with \`gluster volume stop ${req.name}\` and \`gluster volume delete ${req.name}\`.`);
  }
  const replicaCount = req.replicaCount ?? 1;
  if (!Number.isInteger(replicaCount) || replicaCount < 1 || (req.replicaCount !== undefined && replicaCount < 2)) {
    throw new FsError('EINVAL', 'replica count should be greater than 1');
  }
  const arbiterCount = req.arbiterCount ?? 0;
  if (arbiterCount !== 0 && (arbiterCount !== 1 || replicaCount !== 3)) {
    throw new FsError('EINVAL', `${ARBITER_USAGE}. Write \`replica 3 arbiter 1\` followed by bricks in multiples of 3.`);
  }
  if (req.bricks.length === 0) {
    throw new FsError('EINVAL', 'No bricks specified. Give at least one brick as HOST:/abs/path.');
  }
  const bricks = req.bricks.map(parseBrickSpec);
  if (bricks.length % replicaCount !== 0) {
    throw new FsError('EINVAL',
      `number of bricks is not a multiple of replica count. With replica ${replicaCount} give ${replicaCount}, ${2 * replicaCount}, ${3 * replicaCount}, … bricks (got ${bricks.length}).`);
  }
  checkDuplicatesAndNesting(bricks, ctx.volumes);
  for (const b of bricks) {
    if (!ctx.poolHosts.has(b.host)) {
      throw new FsError('ENOENT',
        `Host ${b.host} is not in 'Peer in Cluster' state. Add it to the pool first with \`gluster peer probe ${b.host}\`.`);
    }
  }
  if (replicaCount > 1 && !req.force) checkReplicaSpread(bricks, replicaCount);
  const type: VolumeType = replicaCount === 1 ? 'Distribute'
    : bricks.length === replicaCount ? 'Replicate' : 'Distributed-Replicate';
  return { name: req.name, type, replicaCount, arbiterCount, bricks };
}

function checkDuplicatesAndNesting(bricks: BrickRef[], volumes: readonly VolumeRecord[]): void {
  for (let i = 0; i < bricks.length; i++) {
    for (let j = 0; j < i; j++) {
      if (bricks[i].host === bricks[j].host && bricks[i].path === bricks[j].path) {
        throw new FsError('EINVAL',
          `Found duplicate exports ${formatBrick(bricks[i])}. Name each brick directory once.`);
      }
    }
  }
  const existing = volumes.flatMap((v) => v.bricks);
  for (let i = 0; i < bricks.length; i++) {
    const others = [...bricks.slice(0, i), ...bricks.slice(i + 1), ...existing];
    if (others.some((o) => bricksOverlap(bricks[i], o))) {
      throw new FsError('EINVAL',
        `Brick: ${formatBrick(bricks[i])} not available. Brick may be containing or be contained by an existing brick. Use a directory that is neither inside nor above another brick.`);
    }
  }
}

function checkReplicaSpread(bricks: BrickRef[], replicaCount: number): void {
  for (let s = 0; s < bricks.length; s += replicaCount) {
    const hosts = new Set(bricks.slice(s, s + replicaCount).map((b) => b.host));
    if (hosts.size < replicaCount) {
      throw new FsError('EINVAL',
        'Multiple bricks of a replicate volume are present on the same server. This setup is not optimal. Bricks should be on different nodes to have best fault tolerant configuration. Use \'force\' at the end of the command if you want to override this behavior.');
    }
  }
}
