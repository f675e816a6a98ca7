import { Command } from 'commander';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DirEntry, Stats, Volume } from '../../api/index.js';
import { FsError } from '../../errors/index.js';
import { baseName, joinPath, normalizePath } from '../../fop/index.js';
import { reportFailure, warn } from './report.js';
import { withVolume } from './session.js';
import { TransferProgress } from './progress.js';
import { attempt, createCopyLimiter, type CopyLimiter, isDirTarget, downloadFile, FILES_IN_FLIGHT } from './transfer.js';

interface GetOpts {
  force?: boolean;
}

/**
 * `gfs get [-f] REMOTE... LOCAL`: copies volume files and whole directory trees to the local
 * disk, many files in flight. LOCAL is a directory to copy into when it exists (required for
 * several sources), else the new name; `-` writes to stdout. Existing files are kept unless -f.
 */
export function getCommand(): Command {
  return new Command('get')
    .description('copy files or directory trees from the volume to local disk')
    .argument('<paths...>', 'REMOTE... LOCAL')
    .option('-f, --force', 'overwrite existing local files')
    .action(async (paths: string[], o: GetOpts, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        if (paths.length < 2) {
          warn('get needs REMOTE... LOCAL');
          return false;
        }
        const local = paths[paths.length - 1];
        const sources = paths.slice(0, -1);
        if (local === '-') return toStdout(vol, sources);
        const intoDir = await isDirTarget(() => stat(local));
        if (sources.length > 1 && !intoDir) {
          warn(`target '${local}' is not a directory`);
          return false;
        }
        const progress = new TransferProgress('get');
        const limit = createCopyLimiter(FILES_IN_FLIGHT, progress);
        try {
          const results = await Promise.all(sources.map((src) => {
            const name = baseName(normalizePath(src)) || vol.name;
            return getOne(vol, normalizePath(src), intoDir ? join(local, name) : local, o, limit);
          }));
          return results.every(Boolean);
        } finally {
          progress.done();
        }
      });
    });
}

async function toStdout(vol: Volume, sources: string[]): Promise<boolean> {
  let ok = true;
  for (const src of sources) {
    ok = (await attempt('read', src, () => pipeline(vol.createReadStream(src), process.stdout, { end: false }))) && ok;
  }
  return ok;
}

async function getOne(vol: Volume, remote: string, local: string, o: GetOpts, limit: CopyLimiter): Promise<boolean> {
  let st: Stats;
  try {
    st = await vol.stat(remote);
  } catch (e) {
    reportFailure('stat', remote, e);
    return false;
  }
  if (st.isDirectory()) return getTree(vol, remote, local, o, limit);
  return limit(st.size, () => attempt('copy', remote, () => downloadFile(vol, remote, local, st.size, !!o.force)));
}

/**
 * Creates `local` and copies `remote`'s entries into it: subtrees concurrently, files through
 * `limit`. An existing directory is an error unless -f (then the trees merge), as in `hdfs dfs -get`.
 */
async function getTree(vol: Volume, remote: string, local: string, o: GetOpts, limit: CopyLimiter): Promise<boolean> {
  const made = await attempt('create directory', local, () => mkdir(local).catch(async (e: NodeJS.ErrnoException) => {
    if (!o.force || e.code !== 'EEXIST' || !(await stat(local)).isDirectory()) throw e;
  }));
  if (!made) return false;
  let entries: DirEntry[];
  try {
    entries = await vol.readdir(remote, { withAttrs: true });
  } catch (e) {
    reportFailure('read directory', remote, e);
    return false;
  }
  const results = await Promise.all(entries.map((e) => {
    const src = joinPath(remote, e.name);
    const dst = join(local, e.name);
    if (e.stat.isDirectory()) return getTree(vol, src, dst, o, limit);
    if (e.stat.isSymbolicLink()) return attempt('copy', src, async () => symlink(await vol.readlink(src), dst));
    if (!e.stat.isFile()) return attempt('copy', src, async () => { throw new FsError('ENOTSUP', 'not a regular file'); });
    return limit(e.stat.size, () => attempt('copy', src, () => downloadFile(vol, src, dst, e.stat.size, !!o.force)));
  }));
  return results.every(Boolean);
}
