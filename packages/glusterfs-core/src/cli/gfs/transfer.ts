import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Volume } from '../../api/index.js';
import { createLimiter } from '../../api/limit.js';
import { isFsError } from '../../errors/index.js';
import { baseName, joinPath, parentPath } from '../../fop/index.js';
import type { TransferProgress } from './progress.js';
import { reportFailure } from './report.js';

/** Files copied at once by put and get: enough to hide per-file round trips, few enough for memory. */
export const FILES_IN_FLIGHT = 16;

/** Runs a file copy of `bytes` under the in-flight limit; a copy that worked counts in the progress. */
export type CopyLimiter = (bytes: number, copy: () => Promise<boolean>) => Promise<boolean>;

/** A {@link CopyLimiter} allowing `max` copies at once and reporting each finished one to `progress`. */
export function createCopyLimiter(max: number, progress: TransferProgress): CopyLimiter {
  const limit = createLimiter(max);
  return (bytes, copy) => limit(async () => {
    const ok = await copy();
    if (ok) progress.add(bytes);
    return ok;
  });
}
/** Up to this size a file moves as one buffer; above it, as a stream with reads or writes in flight. */
const WHOLE_FILE_MAX = 4 << 20;

/**
 * Uploads one local file; an existing remote file is EEXIST unless `force`. A failed upload
 * never leaves a half file under the real name nor loses old contents: without `force` the file
 * is created exclusively (so it is ours) and removed again if the copy fails; with `force` the
 * bytes go to a temporary name beside the target and are renamed over it only when complete
 * (as `hdfs dfs -put` does with `._COPYING_`). The temporary name has rsync's form
 * (`.name.XXXXXX`), which distribute hashes like `name`: the rename stays on one brick.
 */
export async function uploadFile(vol: Volume, local: string, remote: string, size: number, force: boolean): Promise<void> {
  const target = force ? joinPath(parentPath(remote), `.${baseName(remote)}.${randomBytes(3).toString('hex')}`) : remote;
  try {
    if (size <= WHOLE_FILE_MAX) await vol.writeFile(target, await readFile(local), { exclusive: true });
    else await pipeline(createReadStream(local, { highWaterMark: 1 << 20 }), vol.createWriteStream(target, { flags: 'wx' }));
    if (force) await vol.rename(target, remote);
  } catch (e) {
    // EEXIST: the name belongs to someone else. Otherwise the exclusive create made it ours.
    if (!isFsError(e, 'EEXIST')) await vol.unlink(target).catch(() => undefined);
    throw e;
  }
}

/** Downloads one volume file; an existing local file is EEXIST unless `force`. */
export async function downloadFile(vol: Volume, remote: string, local: string, size: number, force: boolean): Promise<void> {
  const flag = force ? 'w' : 'wx';
  if (size <= WHOLE_FILE_MAX) {
    await writeFile(local, await vol.readFile(remote), { flag });
    return;
  }
  await pipeline(vol.createReadStream(remote), createWriteStream(local, { flags: flag }));
}

/** Runs one copy step, reporting a failure against `path`; resolves to whether it worked. */
export async function attempt(what: string, path: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    reportFailure(what, path, e);
    return false;
  }
}

/**
 * Whether a copy or move target is an existing directory (to copy into). A missing target is
 * false; any other failure to look at it is raised.
 */
export async function isDirTarget(stat: () => Promise<{ isDirectory(): boolean }>): Promise<boolean> {
  try {
    return (await stat()).isDirectory();
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return false;
    throw e;
  }
}
