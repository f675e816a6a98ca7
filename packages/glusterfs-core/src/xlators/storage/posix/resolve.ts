import { realpathSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Brick } from './brick.js';

/** Where a volume path lives on the brick. */
export interface Resolved {
  /** The volume path, as given. */
  readonly path: string;
  /** Absolute path on the brick (the final component is not resolved: use l* calls or O_NOFOLLOW). */
  readonly real: string;
  /** Absolute path of the parent directory, known to contain no symbolic link. */
  readonly parentReal: string;
  /** Last component (`''` for `/`). */
  readonly name: string;
}

/** `read` fops see `/.glusterfs` as absent (ENOENT); `write` fops are refused (EPERM). */
export type Intent = 'read' | 'write';

// Empty, `.` or `..` components, NUL bytes, a trailing slash: not a normalized path.
const NOT_NORMAL = /\/\/|(^|\/)\.\.?(\/|$)|\0|.\/$/;
const INTERNAL = '/.glusterfs';

/**
 * Maps a volume path to the brick so that nothing outside the brick root is ever reached. The
 * parent directory is realpath'ed and must come out unchanged: a path through any symbolic
 * link (one that points outside the brick, an absolute target such as `/etc`, or even one that
 * stays inside) is ENOTDIR, because bricks never follow symlinks (clients resolve them, as in
 * GlusterFS). Callers act on `real` in the same synchronous stretch, so no other fop of this
 * process can swap a component in between. EINVAL for a path that is not normalized.
 */
export function resolve(b: Brick, path: string, intent: Intent): Resolved {
  if (typeof path !== 'string' || path[0] !== '/' || NOT_NORMAL.test(path)) {
    throw new FsError('EINVAL', `not a normalized volume path: ${JSON.stringify(path)}`, b.name);
  }
  if (path === '/') return { path, real: b.root, parentReal: b.root, name: '' };
  if (path === INTERNAL || path.startsWith(INTERNAL + '/')) {
    throw new FsError(intent === 'read' ? 'ENOENT' : 'EPERM', `${INTERNAL} is private to the brick`, b.name);
  }
  const cut = path.lastIndexOf('/');
  const parentReal = cut === 0 ? b.root : b.root + path.slice(0, cut);
  if (cut !== 0) checkNoSymlink(b, parentReal, path);
  return { path, real: b.root + path, parentReal, name: path.slice(cut + 1) };
}

function checkNoSymlink(b: Brick, dirReal: string, path: string): void {
  let real: string;
  try {
    real = realpathSync.native(dirReal);
  } catch (e) {
    const err = FsError.from(e, b.name);
    throw new FsError(err.code, `cannot resolve the parent of ${path}`, b.name);
  }
  if (real !== dirReal) {
    throw new FsError('ENOTDIR', `a parent component of ${path} is a symbolic link; bricks do not follow symlinks`, b.name);
  }
}
