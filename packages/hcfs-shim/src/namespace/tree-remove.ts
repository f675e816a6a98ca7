import type { DirEntry } from 'glusterfs-core';
import { checkCancel, type NsContext } from './context.js';
import type { Inode } from './inodes.js';
import { childPath } from './paths.js';
import { checkAccess, R, W, X } from './permissions.js';
import type { HdfsUser } from './types.js';

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
 * Removes directory `dir` and everything under it. The walk stops between steps once the caller
 * is gone (a client that disconnects, a call that times out), instead of running on for minutes;
 * what was removed stays removed, as after an interrupted `rm -r`.
 */
export async function removeTree(c: NsContext, user: HdfsUser, dir: string): Promise<void> {
  await c.vol.rm(dir, { recursive: true, force: true, signal: user.signal });
}
