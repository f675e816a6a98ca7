import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FsError } from '../errors/index.js';

/**
 * Writes `value` as JSON to `file` so that a crash leaves either the old or the new content,
 * never a torn file: write a temporary sibling, fsync it, rename it over, fsync the directory.
 * `mode` is the new file's (0600 for files holding secrets).
 */
export async function writeJsonAtomic(file: string, value: unknown, mode = 0o644): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(JSON.stringify(value, null, 2) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw FsError.from(e);
  }
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Reads a JSON file, or returns `fallback` when it does not exist. Bad JSON is EIO naming the file. */
export async function readJson<T>(file: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw FsError.from(e);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new FsError('EIO', `${file} is not valid JSON (${(e as Error).message}); restore it from a peer or a backup`);
  }
}
