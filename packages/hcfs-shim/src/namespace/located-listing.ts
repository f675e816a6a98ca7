import { checkCancel, type NsContext } from './context.js';
import { list, locate } from './read-ops.js';
import { childPath } from './paths.js';
import type { FileStatus, HdfsUser, LocatedFileStatus, LocatedListing } from './types.js';

/** HDFS's dfs.ls.limit, which also bounds the block locations of one located page. */
const LOCATION_BUDGET = 1000;

/** Files located at once within a page. */
const LOCATE_AT_ONCE = 32;

const NO_TOKEN = { identifier: Buffer.alloc(0), password: Buffer.alloc(0), kind: '', service: '' };

/**
 * getListing with `needLocation` (FileSystem.listLocatedStatus, what MapReduce's
 * FileInputFormat calls to plan its splits): the page of {@link list}, each file carrying the
 * located blocks of its whole length. As HDFS's namenode does (FSDirStatAndListingOp), a page
 * stops once it holds `dfs.ls.limit` locations (blocks × replication), the rest counting as
 * remaining, and the blocks carry no tokens: HDFS signs none here, and Hadoop's client keeps
 * only hosts and offsets from them (a reader asks getBlockLocations, which checks r). Files
 * are located with their own block size. Undefined when the path is missing.
 */
export async function listLocated(c: NsContext, user: HdfsUser, path: string, startAfter: string, limit: number): Promise<LocatedListing | undefined> {
  const page = await list(c, user, path, startAfter, limit);
  if (!page) return undefined;
  let budget = LOCATION_BUDGET;
  const entries: LocatedFileStatus[] = [];
  // A few files at a time (each is a lookup and a locate), counted in order against the budget.
  for (let i = 0; i < page.entries.length && budget > 0; i += LOCATE_AT_ONCE) {
    checkCancel(user);
    const located = await Promise.all(page.entries.slice(i, i + LOCATE_AT_ONCE).map((st) => withLocations(c, user, path, st)));
    for (const st of located) {
      if (budget <= 0) break;
      budget -= (st.locations?.blocks.length ?? 0) * st.replication;
      entries.push(st);
    }
  }
  return { entries, remaining: page.remaining + page.entries.length - entries.length };
}

/** A listed entry of `dir` with, for a file, the located blocks of its whole length and its own block size. */
async function withLocations(c: NsContext, user: HdfsUser, dir: string, st: FileStatus): Promise<LocatedFileStatus> {
  // A file lists itself under an empty name.
  const inode = st.type === 'file' ? await c.inodes.get(st.name === '' ? dir : childPath(dir, st.name)) : undefined;
  if (!inode || inode.isDir) return st;
  const [located, blockSize] = await Promise.all([locate(c, user, inode, 0, inode.stats.size), c.inodes.blockSizeOf(inode)]);
  const strip = <B extends { token: unknown }>(b: B): B => ({ ...b, token: NO_TOKEN });
  const locations = { ...located, blocks: located.blocks.map(strip), lastBlock: located.lastBlock && strip(located.lastBlock) };
  return { ...st, blockSize, length: inode.stats.size, locations };
}
