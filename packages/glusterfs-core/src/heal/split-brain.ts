import { FsError, type Errno } from '../errors/index.js';
import {
  SOURCE_BRICK_XDATA, VXATTR, type HealInfoReply, type HealResult, type SplitBrainPolicy,
} from '../format/index.js';
import { normalizePath, type Loc } from '../fop/index.js';
import type { ReplicaSetHandle } from './open-sets.js';
import { getVxattrJson, rootLoc } from './vxattr.js';

/** What to resolve: one file (any policy), or every split-brain entry of `sourceBrick`'s set. */
export interface SplitBrainTarget {
  /** A volume path; required for `bigger-file` and `latest-mtime`. */
  file?: string;
  /** `host:path` of the brick whose copy wins; required for `source-brick`. */
  sourceBrick?: string;
}

/** One entry resolution that did not succeed. */
export interface SplitBrainFailure {
  /** The entry as given (a path) or `gfid:UUID`. */
  entry: string;
  code: Errno;
  /** The line GlusterFS-style tools print, e.g. `/f: not in split-brain`. */
  message: string;
}

/** The outcome of {@link resolveSplitBrain}. */
export interface SplitBrainOutcome {
  /** Entries now healed: paths, or `gfid:UUID` when the path is unknown. */
  healed: string[];
  failed: SplitBrainFailure[];
}

/**
 * Resolves split-brain the way `gluster volume heal VOL split-brain …` does, through afr's
 * `glusterfs.heal.split-brain.<policy>` vxattr. With `file`, the set holding it is found by
 * asking each set in turn (a set that answers ENOENT does not hold it; with `sourceBrick` only
 * that brick's set is asked). Without `file`, every split-brain entry that the source brick's
 * set lists is resolved by GFID. Per-entry failures are collected in `failed`, not thrown
 * (EINVAL: not in split-brain; ENOENT: no set holds the file; ENOTCONN: its set is down).
 * Throws EINVAL for a missing argument or a brick outside the volume, and the HEAL_INFO error
 * of the source brick's set.
 */
export async function resolveSplitBrain(
  sets: ReplicaSetHandle[], policy: SplitBrainPolicy, target: SplitBrainTarget,
): Promise<SplitBrainOutcome> {
  const source = target.sourceBrick === undefined ? null : findBrick(sets, target.sourceBrick);
  if (policy === 'source-brick' && !source) throw new FsError('EINVAL', 'source-brick needs the brick to take copies from');
  const xdata = source ? { [SOURCE_BRICK_XDATA]: source.child } : {};
  const name = VXATTR.HEAL_SPLIT_BRAIN_PREFIX + policy;
  const out: SplitBrainOutcome = { healed: [], failed: [] };
  if (target.file !== undefined) {
    const path = normalizePath(target.file);
    await resolveOne(out, source ? [source.set] : sets, { path }, name, xdata, path);
    return out;
  }
  if (!source) throw new FsError('EINVAL', `${policy} needs a file`);
  const info = await getVxattrJson<HealInfoReply>(source.set.top, rootLoc(), VXATTR.HEAL_INFO);
  const seen = new Set<string>();
  for (const child of info.children) {
    for (const e of child.entries) {
      if (!e.splitBrain || seen.has(e.gfid)) continue;
      seen.add(e.gfid);
      const label = e.path ?? `gfid:${e.gfid}`;
      await resolveOne(out, [source.set], rootLoc(), `${name}.${e.gfid}`, xdata, label);
    }
  }
  return out;
}

/**
 * The text the CLI prints for an outcome: `Healed ENTRY.` per healed entry, then one error line
 * per failure. Exit nonzero when `failed` is not empty.
 */
export function formatSplitBrainOutcome(o: SplitBrainOutcome): string {
  return [...o.healed.map((e) => `Healed ${e}.`), ...o.failed.map((f) => f.message)].map((l) => l + '\n').join('');
}

function findBrick(sets: ReplicaSetHandle[], brick: string): { set: ReplicaSetHandle; child: string } {
  for (const set of sets) {
    const child = set.spec.children.find((c) => c.brick === brick);
    if (child) return { set, child: child.name };
  }
  throw new FsError('EINVAL', `${brick} is not a brick of a replica set of this volume`);
}

async function resolveOne(
  out: SplitBrainOutcome, sets: ReplicaSetHandle[], loc: Loc, name: string, xdata: Record<string, unknown>,
  label: string,
): Promise<void> {
  let err = new FsError('ENOENT', `${label}: no such file in the volume`);
  for (const set of sets) {
    try {
      const r = await getVxattrJson<HealResult>(set.top, loc, name, { xdata });
      if (r.splitBrain) out.failed.push({ entry: label, code: 'EIO', message: `${label}: still in ${r.splitBrain} split-brain` });
      else out.healed.push(label);
      return;
    } catch (e) {
      const fe = FsError.from(e);
      // ENOENT: another set holds it. ENOTCONN: this set cannot tell; keep looking, report it last.
      if (fe.code !== 'ENOENT') err = fe;
      if (fe.code !== 'ENOENT' && fe.code !== 'ENOTCONN') break;
    }
  }
  out.failed.push({ entry: label, code: err.code, message: failureLine(label, err) });
}

function failureLine(label: string, e: FsError): string {
  if (e.code === 'EINVAL') return `${label}: not in split-brain`;
  if (e.code === 'ENOENT') return `${label}: No such file or directory`;
  return `${label}: ${e.message}`;
}
