import { FsError } from '../errors/index.js';
import { isWithin, normalizePath } from '../fop/index.js';
import type { BrickRef } from './types.js';

/**
 * Parses a brick word as typed on the command line, `HOST:/abs/path`. Trailing slashes are
 * dropped as GlusterFS's CLI does. A word without a host or with a relative path is EINVAL with
 * GlusterFS's "wrong brick type" message.
 */
export function parseBrickSpec(word: string): BrickRef {
  const colon = word.indexOf(':');
  const host = colon > 0 ? word.slice(0, colon) : '';
  const path = colon > 0 ? word.slice(colon + 1) : '';
  if (!host || !path.startsWith('/') || path.includes('\0')) {
    throw new FsError('EINVAL', `wrong brick type: ${word}, use <HOSTNAME>:<export-dir-abs-path>`);
  }
  return { host, path: normalizePath(path) };
}

/** `host:/path`, the way GlusterFS prints a brick. */
export function formatBrick(b: BrickRef): string {
  return `${b.host}:${b.path}`;
}

/** True when two bricks are the same directory or one lies inside the other on the same host. */
export function bricksOverlap(a: BrickRef, b: BrickRef): boolean {
  return a.host === b.host && (isWithin(a.path, b.path) || isWithin(b.path, a.path));
}

/**
 * A file-name-safe id for a brick of a volume, as GlusterFS names brick volfiles, pidfiles and
 * logs: `<vol>.<host>.<path with / as ->`, e.g. `gv0.127.0.0.1.data-bricks-b1`.
 */
export function brickFileId(volume: string, b: BrickRef): string {
  return `${volume}.${b.host}.${b.path.slice(1).replace(/\//g, '-') || 'root'}`;
}

/** The client-side subvolume name of brick `index`: `<vol>-client-<index>`. */
export function clientSubvolName(volume: string, index: number): string {
  return `${volume}-client-${index}`;
}
