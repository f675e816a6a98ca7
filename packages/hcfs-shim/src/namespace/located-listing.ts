import type { NsContext } from './context.js';
import { list, locate } from './read-ops.js';
import { childPath } from './paths.js';
import type { HdfsUser, LocatedListing } from './types.js';

/** HDFS's dfs.ls.limit, which also bounds the block locations of one located page. */
const LOCATION_BUDGET = 1000;

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
  // A file lists itself under an empty name.
  const pathOf = (name: string) => name === '' ? path : childPath(path, name);
  let budget = LOCATION_BUDGET;
  let kept = 0;
  const entries: LocatedListing['entries'] = [];
  for (const st of page.entries) {
    if (budget <= 0) break;
    kept++;
    const inode = st.type === 'file' ? await c.inodes.get(pathOf(st.name)) : undefined;
    if (!inode || inode.isDir) {
      entries.push(st);
      continue;
    }
    const located = await locate(c, user, inode, 0, inode.stats.size);
    const strip = <B extends { token: unknown }>(b: B): B => ({ ...b, token: NO_TOKEN });
    const locations = { ...located, blocks: located.blocks.map(strip), lastBlock: located.lastBlock && strip(located.lastBlock) };
    budget -= locations.blocks.length * st.replication;
    entries.push({ ...st, blockSize: await c.inodes.blockSizeOf(inode), length: inode.stats.size, locations });
  }
  return { entries, remaining: page.remaining + page.entries.length - kept };
}
