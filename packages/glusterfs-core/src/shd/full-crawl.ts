import { constants } from 'node:fs';
import { FsError } from '../errors/index.js';
import { VXATTR } from '../format/index.js';
import { createCtx, createFd, isDir, joinPath, type Dirent, type Loc, type Subvol } from '../fop/index.js';
import { healEntry, type CrawlEnv, type CrawlSet, type CrawlSummary } from './heal-entry.js';
import type { HealOutcome } from './stats.js';

const PAGE = 256;

/**
 * True when this host's daemon runs `set`'s full crawl: the lowest-index child that is up lives
 * on `host`, so exactly one daemon walks each set (a dead brick's duty moves to its peer).
 */
export function ownsFullCrawl(set: Pick<CrawlSet, 'spec' | 'isUp'>, host: string): boolean {
  const first = set.spec.children.find((c) => set.isUp(c.name));
  return first !== undefined && first.host === host;
}

/**
 * One full crawl (`heal VOL full`) over the sets this daemon owns: walks each tree from '/'
 * through afr, healing every directory with `glusterfs.heal.run` and `heal-full` xdata before
 * listing it (so names missing on some replica appear), then every other entry in it.
 * Failures are counted, not thrown; a directory that cannot be listed is skipped. ECANCELED
 * when stopped.
 */
export async function fullCrawl(sets: readonly CrawlSet[], env: CrawlEnv): Promise<CrawlSummary> {
  const sum: CrawlSummary = { progress: false, retry: false };
  await Promise.all(sets.filter((s) => ownsFullCrawl(s, env.host)).map((s) => walkSet(s, env, sum)));
  return sum;
}

async function walkSet(set: CrawlSet, env: CrawlEnv, sum: CrawlSummary): Promise<void> {
  const note = (o: HealOutcome) => {
    if (o === 'healed') sum.progress = true;
    if (o === 'busy') sum.retry = true;
  };
  const dirs: Loc[] = [{ path: '/' }];
  env.stats.scanned++;
  while (dirs.length > 0) {
    const dir = dirs.pop()!;
    note(await healEntry(env, set.top, dir, VXATTR.HEAL_RUN, true));
    await listDir(set.top, dir, env, async (entries) => {
      env.stats.scanned += entries.length;
      const files: Loc[] = [];
      for (const e of entries) {
        const loc = { path: joinPath(dir.path, e.name), gfid: e.iatt.gfid };
        (isDir(e.iatt) ? dirs : files).push(loc);
      }
      for (const o of await Promise.all(files.map((f) => healEntry(env, set.top, f, VXATTR.HEAL_RUN, true)))) note(o);
    });
  }
}

/** Feeds `dir`'s entries page by page to `onPage`; logs and returns when it cannot be listed. */
async function listDir(top: Subvol, dir: Loc, env: CrawlEnv, onPage: (entries: Dirent[]) => Promise<void>): Promise<void> {
  const ctx = () => createCtx({ signal: env.signal });
  const fd = createFd(dir.path, constants.O_RDONLY, true, dir.gfid ?? '');
  try {
    await top.opendir(ctx(), dir, fd);
  } catch (e) {
    if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
    env.log.warn('cannot open directory for full heal', { set: top.name, path: dir.path, error: FsError.from(e).message });
    return;
  }
  try {
    let offset = 0;
    for (;;) {
      if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
      const page = await top.readdir(ctx(), fd, offset, PAGE);
      await onPage(page.entries.filter((e) => e.name !== '.' && e.name !== '..'));
      if (page.eof || page.entries.length === 0) return;
      offset = page.entries[page.entries.length - 1].off;
    }
  } catch (e) {
    if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
    env.log.warn('full heal could not list a directory', { set: top.name, path: dir.path, error: FsError.from(e).message });
  } finally {
    await top.releasedir(createCtx(), fd).catch((e: unknown) => {
      env.log.debug('releasedir failed', { set: top.name, path: dir.path, error: FsError.from(e).message });
    });
  }
}
