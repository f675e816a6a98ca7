import { Command } from 'commander';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Volume } from '../../api/index.js';
import { FsError, isFsError } from '../../errors/index.js';
import { joinPath, normalizePath } from '../../fop/index.js';
import { reportFailure, warn } from './report.js';
import { withVolume } from './session.js';
import { TransferProgress } from './progress.js';
import { attempt, createCopyLimiter, type CopyLimiter, isDirTarget, FILES_IN_FLIGHT, uploadFile } from './transfer.js';

interface PutOpts {
  force?: boolean;
}

/**
 * `gfs put [-f] LOCAL... REMOTE`: copies local files and whole directory trees into the volume,
 * many files in flight. REMOTE is a directory to copy into when it exists (required for several
 * sources), else the new name. `-` as LOCAL reads stdin. Existing files are kept unless -f.
 */
export function putCommand(): Command {
  return new Command('put')
    .description('copy local files or directory trees into the volume')
    .argument('<paths...>', 'LOCAL... REMOTE')
    .option('-f, --force', 'overwrite existing files')
    .action(async (paths: string[], o: PutOpts, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        if (paths.length < 2) {
          warn('put needs LOCAL... REMOTE');
          return false;
        }
        const remote = normalizePath(paths[paths.length - 1]);
        const sources = paths.slice(0, -1);
        const intoDir = await isDirTarget(() => vol.stat(remote));
        if (sources.length > 1 && !intoDir) {
          warn(`target '${remote}' is not a directory`);
          return false;
        }
        const progress = new TransferProgress('put');
        const limit = createCopyLimiter(FILES_IN_FLIGHT, progress);
        try {
          const results = await Promise.all(sources.map((src) => {
            const dst = intoDir && src !== '-' ? joinPath(remote, basename(src)) : remote;
            return putOne(vol, src, dst, o, limit);
          }));
          return results.every(Boolean);
        } finally {
          progress.done();
        }
      });
    });
}

async function putOne(vol: Volume, local: string, remote: string, o: PutOpts, limit: CopyLimiter): Promise<boolean> {
  if (local === '-') return attempt('write', remote, () => pipeline(process.stdin, vol.createWriteStream(remote, { flags: o.force ? 'w' : 'wx' })));
  let size: number;
  let isDir: boolean;
  try {
    const st = await stat(local);
    size = st.size;
    isDir = st.isDirectory();
  } catch (e) {
    reportFailure('stat', local, e);
    return false;
  }
  if (!isDir) return limit(size, () => attempt('write', remote, () => uploadFile(vol, local, remote, size, !!o.force)));
  return putTree(vol, local, remote, o, limit);
}

/**
 * Creates `remote` and copies `local`'s entries into it: subtrees concurrently, files through
 * `limit`. An existing directory is an error unless -f (then the trees merge), as in `hdfs dfs -put`.
 */
async function putTree(vol: Volume, local: string, remote: string, o: PutOpts, limit: CopyLimiter): Promise<boolean> {
  const made = await attempt('create directory', remote, () => vol.mkdir(remote).catch((e: unknown) => {
    if (!o.force || !isFsError(e, 'EEXIST')) throw e;
    return vol.stat(remote).then((s) => {
      if (!s.isDirectory()) throw new FsError('ENOTDIR', `${remote} is not a directory`);
    });
  }));
  if (!made) return false;
  let entries: Dirent[];
  try {
    entries = await readdir(local, { withFileTypes: true });
  } catch (e) {
    reportFailure('read directory', local, e);
    return false;
  }
  const results = await Promise.all(entries.map((e) => {
    const src = join(local, e.name);
    const dst = joinPath(remote, e.name);
    if (e.isDirectory()) return putTree(vol, src, dst, o, limit);
    return putOne(vol, src, dst, o, limit);
  }));
  return results.every(Boolean);
}
