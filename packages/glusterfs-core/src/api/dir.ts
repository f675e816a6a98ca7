import { constants } from 'node:fs';
import { FsError } from '../errors/index.js';
import { createFd, isDir } from '../fop/index.js';
import type { ApiContext } from './context.js';
import { resolvePath } from './resolve.js';
import { Stats } from './stats.js';

/** Entries asked for per readdir fop. */
export const DIR_PAGE = 512;

/** One directory entry with its attributes (a symlink's own, not its target's). */
export interface DirEntry {
  name: string;
  stat: Stats;
}

/**
 * Lists a directory in pages, one readdir fop per page, following a final symlink. The
 * directory fd is released when the iteration ends, early or not. ENOENT, ENOTDIR.
 */
export async function* listPages(ac: ApiContext, path: string, pageSize = DIR_PAGE): AsyncGenerator<DirEntry[]> {
  const { path: p, iatt } = await resolvePath(ac, path, true);
  if (!isDir(iatt)) throw new FsError('ENOTDIR', `${p} is not a directory`);
  const fd = createFd(p, constants.O_RDONLY, true, iatt.gfid);
  await ac.top.opendir(ac.ctx(), { path: p, gfid: iatt.gfid }, fd);
  try {
    let offset = 0;
    for (;;) {
      const page = await ac.top.readdir(ac.ctx(), fd, offset, pageSize);
      const entries = page.entries.filter((e) => e.name !== '.' && e.name !== '..');
      if (entries.length) yield entries.map((e) => ({ name: e.name, stat: new Stats(e.iatt) }));
      // An empty page ends the listing even without eof, so a confused cookie can never spin.
      if (page.eof || page.entries.length === 0) return;
      offset = page.entries[page.entries.length - 1].off;
    }
  } finally {
    await ac.top.releasedir(ac.ctx(), fd);
  }
}

/** Every entry of a directory, one at a time (paging underneath). ENOENT, ENOTDIR. */
export async function* listEntries(ac: ApiContext, path: string): AsyncGenerator<DirEntry> {
  for await (const page of listPages(ac, path)) yield* page;
}

/** Every entry of a directory, all pages. ENOENT, ENOTDIR. */
export async function readAllEntries(ac: ApiContext, path: string): Promise<DirEntry[]> {
  const out: DirEntry[] = [];
  for await (const page of listPages(ac, path)) out.push(...page);
  return out;
}
