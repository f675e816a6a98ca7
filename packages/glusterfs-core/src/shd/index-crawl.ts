import { FsError } from '../errors/index.js';
import { VXATTR, type HealIndexReply } from '../format/index.js';
import { getVxattrJson, rootLoc } from '../heal/index.js';
import { healEntry, summarize, type CrawlEnv, type CrawlSet, type CrawlSummary } from './heal-entry.js';
import type { HealOutcome } from './stats.js';

/**
 * One index crawl over `sets`: asks each set's afr for every child's index
 * (`glusterfs.heal.index`) and heals the GFIDs listed by the children that are up and live on
 * this daemon's host (peers' daemons heal theirs), each GFID once. A set that cannot answer
 * (all bricks down) is skipped. ECANCELED when stopped.
 */
export async function indexCrawl(sets: readonly CrawlSet[], env: CrawlEnv): Promise<CrawlSummary> {
  const outcomes = await Promise.all(sets.map((s) => crawlSet(s, env)));
  return summarize(outcomes.flat());
}

async function crawlSet(set: CrawlSet, env: CrawlEnv): Promise<HealOutcome[]> {
  const gfids = await localIndex(set, env);
  env.stats.scanned += gfids.length;
  return Promise.all(gfids.map((g) => healEntry(env, set.top, rootLoc(), `${VXATTR.HEAL_RUN}.${g}`, false)));
}

/** The union of the indices of this host's live children of `set` ([] when the set cannot answer). */
async function localIndex(set: CrawlSet, env: CrawlEnv): Promise<string[]> {
  const local = new Set(set.spec.children.filter((c) => c.host === env.host).map((c) => c.name));
  let reply: HealIndexReply;
  try {
    reply = await getVxattrJson<HealIndexReply>(set.top, rootLoc(), VXATTR.HEAL_INDEX, { signal: env.signal });
  } catch (e) {
    if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
    env.log.debug('no index from replica set', { set: set.spec.afr, error: FsError.from(e).message });
    return [];
  }
  const gfids = new Set<string>();
  for (const child of reply.children) {
    if (child.up && local.has(child.name)) for (const g of child.gfids) gfids.add(g);
  }
  return [...gfids];
}
