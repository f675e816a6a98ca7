import { lstatSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { FsError } from '../../../errors/index.js';
import { ROOT_GFID } from '../../../fop/index.js';
import { XATTR, gfidFromBuffer, gfidToBuffer } from '../../../format/index.js';
import type { Logger } from '../../../log/index.js';
import type { DirState, FileState } from './fd-state.js';
import { handleAbs } from './handles.js';
import { getXattr, setXattr } from './xattr.js';

/** State shared by the fop files of one storage/posix instance. */
export interface Brick {
  /** Instance name: the key of this translator's state in `fd.ctx` and the `xlator` of its errors. */
  readonly name: string;
  /** Real path of the brick root (symlinks resolved once, at start). */
  readonly root: string;
  /** The brick directory as configured (what clients and `gluster volume info` call it). */
  readonly directory: string;
  /** The host clients reach this brick by. */
  readonly host: string;
  readonly log: Logger;
  /** Whether to keep `trusted.gfid2path.*` xattrs. */
  readonly gfid2path: boolean;
  /** Largest read/write done synchronously. */
  readonly syncIoMax: number;
  /** OS descriptors opened by fops and not yet released, with their state; `close()` closes the rest. */
  readonly openFds: Map<number, FileState | DirState>;
}

/** What {@link openBrick} needs from the parsed options. */
export interface BrickConfig {
  directory: string | undefined;
  volumeId: string | undefined;
  brickHost: string | undefined;
  gfid2path: boolean;
  syncIoMax: number;
}

/**
 * Checks and prepares a brick root: it must be an existing directory (a missing one usually
 * means an unmounted disk, so it is never created here); `volume-id` is stamped on first start
 * and must match afterwards; the root gets ROOT_GFID, `.glusterfs/` and the root handle
 * (`.glusterfs/00/00/<root gfid>` → `../../..`). EINVAL or ENOENT with a message that says why.
 */
export function openBrick(name: string, cfg: BrickConfig, log: Logger): Brick {
  const fail = (code: 'EINVAL' | 'ENOENT' | 'ENOTDIR', msg: string) => new FsError(code, `${name}: ${msg}`, name);
  if (!cfg.directory) throw fail('EINVAL', 'option "directory" (the brick root) is required');
  const st = lstatSync(cfg.directory, { throwIfNoEntry: false });
  if (!st) throw fail('ENOENT', `brick directory ${cfg.directory} does not exist`);
  const root = realpathSync.native(cfg.directory);
  if (!lstatSync(root).isDirectory()) throw fail('ENOTDIR', `brick directory ${cfg.directory} is not a directory`);
  if (root === '/') throw fail('EINVAL', 'the file system root cannot be a brick');

  if (cfg.volumeId !== undefined) {
    const want = gfidToBuffer(cfg.volumeId);
    const have = getXattr(root, XATTR.VOLUME_ID);
    if (have && !have.equals(want)) {
      const other = have.length === 16 ? gfidFromBuffer(have) : have.toString('hex');
      throw fail('EINVAL', `brick directory ${root} belongs to another volume (volume-id ${other}, not ${cfg.volumeId}); refusing to start`);
    }
    if (!have) {
      setXattr(root, XATTR.VOLUME_ID, want);
      // A brick new to its volume keeps link-file marks from its first entry on.
      if (readdirSync(root).every((n) => n === '.glusterfs')) setXattr(root, XATTR.DHT_LINKFILES_TRACKED, Buffer.from('1'));
    }
  }

  const gfid = getXattr(root, XATTR.GFID);
  if (!gfid) setXattr(root, XATTR.GFID, gfidToBuffer(ROOT_GFID));
  else if (gfid.length !== 16 || gfidFromBuffer(gfid) !== ROOT_GFID) {
    throw fail('EINVAL', `brick root ${root} carries a non-root gfid; it is a subdirectory of another brick`);
  }

  const brick: Brick = {
    name, root, log, gfid2path: cfg.gfid2path, syncIoMax: cfg.syncIoMax, openFds: new Map(),
    directory: cfg.directory.replace(/(.)\/+$/, '$1'), host: cfg.brickHost || hostname(),
  };
  const rootHandle = handleAbs(brick, ROOT_GFID);
  mkdirSync(rootHandle.slice(0, rootHandle.lastIndexOf('/')), { recursive: true, mode: 0o700 });
  if (!lstatSync(rootHandle, { throwIfNoEntry: false })) symlinkSync('../../..', rootHandle);
  return brick;
}
