import { mkdir, stat } from 'node:fs/promises';
import { getAttribute, removeAttribute } from '@napi-rs/xattr';
import { FsError } from '../errors/index.js';
import { XATTR } from '../format/index.js';
import { formatBrick } from './brick-spec.js';
import type { BrickRef } from './types.js';

/**
 * Makes brick directories on this host ready for a new volume: creates them (mkdir -p) unless
 * they exist, insists they are directories, and refuses one that still carries another volume's
 * id (GlusterFS's "already part of a volume") unless `force`, in which case the stale id is
 * removed so the brick can be stamped with the new one.
 */
export async function prepareBricks(volumeId: string, bricks: readonly BrickRef[], force: boolean): Promise<void> {
  const want = volumeId.replace(/-/g, '').toLowerCase();
  for (const b of bricks) {
    try {
      await mkdir(b.path, { recursive: true });
    } catch (e) {
      const err = FsError.from(e);
      throw new FsError(err.code,
        `Failed to create brick directory for brick ${formatBrick(b)}. Reason : ${err.message}. Check that the parent directory is writable and the disk is mounted.`);
    }
    if (!(await stat(b.path)).isDirectory()) {
      throw new FsError('ENOTDIR', `Brick ${formatBrick(b)}: ${b.path} is not a directory. Give a directory path.`);
    }
    const old = await volumeIdOf(b.path);
    if (old && old !== want) {
      if (!force) {
        throw new FsError('EEXIST',
          `${b.path} is already part of a volume. Pick another directory, or add 'force' to reuse it (its old volume's data stays in it).`);
      }
      await removeAttribute(b.path, XATTR.VOLUME_ID).catch(() => {});
    }
  }
}

async function volumeIdOf(path: string): Promise<string | undefined> {
  try {
    const buf = await getAttribute(path, XATTR.VOLUME_ID);
    return buf && buf.length ? buf.toString('hex') : undefined;
  } catch {
    // A filesystem without trusted xattrs cannot carry an old id either.
    return undefined;
  }
}
