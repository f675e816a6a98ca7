import { isFsError, type DirEntry } from 'glusterfs-core';
import { checkCancel, type NsContext } from './context.js';
import type { Inode } from './inodes.js';
import { childPath } from './paths.js';
import { checkAccess, R, W, X } from './permissions.js';
import type { HdfsUser } from './types.js';

/** Files unlinked at once while removing a directory. */
const RM_PARALLEL = 16;

/** A directory's entries, page by page, stopping between pages once the caller is gone. */
async function entriesOf(c: NsContext, user: HdfsUser, dir: string): Promise<DirEntry[]> {
  const out: DirEntry[] = [];
  for await (const page of c.vol.list(dir)) {
    checkCancel(user);
    out.push(...page);
  }
  return out;
}

/**
 * HDFS's subtree check for a non-superuser's recursive delete: rwx on `dir` and on every
 * directory below it, before anything is removed. EACCES; stops when the caller is gone.
 */
export async function checkSubtree(c: NsContext, user: HdfsUser, dir: Inode): Promise<void> {
  checkAccess(user, c.policy, dir, R | W | X, dir.path);
  for await (const page of c.vol.list(dir.path)) {
    checkCancel(user);
    for (const e of page) {
      if (!e.stat.isDirectory()) continue;
      await checkSubtree(c, user, await c.inodes.fromStats(childPath(dir.path, e.name), e.stat));
    }
  }
}

/**
 * Removes directory `dir` and everything under it, children first, a few unlinks in flight.
 * Unlike one recursive `Volume.rm` call, the walk checks the caller between steps, so a client
 * that disconnects (or a call that times out) stops the server's work instead of leaving it
 * running for minutes. Entries that vanish meanwhile are fine. ECANCELED/ETIMEDOUT when stopped
 * (what was removed stays removed, as a partly done `rm -r`).
 */
export async function removeTree(c: NsContext, user: HdfsUser, dir: string): Promise<void> {
  // The whole listing first, so removals never disturb the readdir cookies.
  const entries = await entriesOf(c, user, dir);
  const files = entries.filter((e) => !e.stat.isDirectory());
  for (let i = 0; i < files.length; i += RM_PARALLEL) {
    checkCancel(user);
    await Promise.all(files.slice(i, i + RM_PARALLEL).map((e) => gone(c.vol.unlink(childPath(dir, e.name)))));
  }
  for (const e of entries) {
    if (e.stat.isDirectory()) await removeTree(c, user, childPath(dir, e.name));
  }
  checkCancel(user);
  await gone(c.vol.rmdir(dir));
}

async function gone(op: Promise<void>): Promise<void> {
  try {
    await op;
  } catch (e) {
    if (!isFsError(e, 'ENOENT')) throw e;
  }
}
