import { Command } from 'commander';
import type { DirEntry, Stats, Volume } from '../../api/index.js';
import { joinPath, normalizePath } from '../../fop/index.js';
import { columns, formatTime, modeString, Owners } from './render.js';
import { printLines, reportFailure } from './report.js';
import { withVolume } from './session.js';

interface LsOpts {
  long?: boolean;
  recursive?: boolean;
  directory?: boolean;
}

/** `gfs ls [-l] [-R] [-d] [PATH...]`: list directories (names; `-l` in `ls -l` form; `-R` full paths, recursively). */
export function lsCommand(): Command {
  return new Command('ls')
    .description('list directory contents (default /)')
    .argument('[paths...]', 'volume paths')
    .option('-l, --long', 'long format: mode, links, owner, group, size, mtime, name')
    .option('-R, --recursive', 'list subdirectories recursively, printing full paths')
    .option('-d, --directory', 'list directories themselves, not their contents')
    .action(async (paths: string[], o: LsOpts, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        const targets = paths.length ? paths : ['/'];
        const owners = o.long ? new Owners() : undefined;
        let ok = true;
        for (const [i, p] of targets.entries()) {
          const heading = targets.length > 1 && !o.recursive ? `${i ? '\n' : ''}${p}:` : undefined;
          ok = (await listOne(vol, normalizePath(p), p, o, owners, heading)) && ok;
        }
        return ok;
      });
    });
}

/** One line to print: `label` is shown, `path` is the entry's volume path (for readlink). */
interface Row {
  label: string;
  path: string;
  stat: Stats;
}

async function listOne(vol: Volume, path: string, shown: string, o: LsOpts, owners?: Owners, heading?: string): Promise<boolean> {
  let st: Stats;
  try {
    st = await vol.stat(path).catch(() => vol.lstat(path));
  } catch (e) {
    reportFailure('access', shown, e);
    return false;
  }
  if (!st.isDirectory() || o.directory) {
    printLines(await render(vol, [{ label: o.recursive ? path : shown, path, stat: st }], owners));
    return true;
  }
  if (heading) printLines([heading]);
  return o.recursive ? listTree(vol, path, owners) : listDir(vol, path, shown, owners);
}

async function listDir(vol: Volume, path: string, shown: string, owners?: Owners): Promise<boolean> {
  try {
    const entries = sortByName(await vol.readdir(path, { withAttrs: true }));
    printLines(await render(vol, entries.map((e) => rowOf(path, e, e.name)), owners));
    return true;
  } catch (e) {
    reportFailure('open directory', shown, e);
    return false;
  }
}

/** Each directory's entries (full paths, aligned together), then its subdirectories, depth first. */
async function listTree(vol: Volume, dir: string, owners?: Owners): Promise<boolean> {
  let entries: DirEntry[];
  try {
    entries = sortByName(await vol.readdir(dir, { withAttrs: true }));
  } catch (e) {
    reportFailure('open directory', dir, e);
    return false;
  }
  const rows = entries.map((e) => rowOf(dir, e, joinPath(dir, e.name)));
  printLines(await render(vol, rows, owners));
  let ok = true;
  for (const r of rows) if (r.stat.isDirectory()) ok = (await listTree(vol, r.path, owners)) && ok;
  return ok;
}

function rowOf(dir: string, e: DirEntry, label: string): Row {
  return { label, path: joinPath(dir, e.name), stat: e.stat };
}

/** Names, or `ls -l` lines when `owners` is given (long format). */
async function render(vol: Volume, rows: Row[], owners?: Owners): Promise<string[]> {
  if (!owners) return rows.map((r) => r.label);
  const cells = await Promise.all(rows.map(async (r) => {
    const link = r.stat.isSymbolicLink() ? ` -> ${await vol.readlink(r.path).catch(() => '?')}` : '';
    return [
      modeString(r.stat.mode), String(r.stat.nlink), owners.user(r.stat.uid), owners.group(r.stat.gid),
      String(r.stat.size), formatTime(r.stat.mtimeMs), r.label + link,
    ];
  }));
  return columns(cells, ['l', 'r', 'l', 'l', 'r', 'l', 'l']);
}

function sortByName<T extends { name: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
