import { FsError } from '../errors/index.js';
import { PATHINFO_XATTR } from '../format/index.js';
import type { ApiContext } from './context.js';
import { resolvePath } from './resolve.js';

/** One brick holding an entry: where a reader next to the data would find it. */
export interface BrickLocation {
  /** The host clients reach the brick by (the volume's `remote-host` for it). */
  host: string;
  /** The brick directory on that host. */
  brick: string;
  /** Absolute path of the entry on that host (`brick` + the volume path). */
  path: string;
}

/**
 * The bricks holding `path`'s data (a final symlink is followed), from the volume's
 * `trusted.glusterfs.pathinfo`, in the order the graph gives them: for a file, the up data
 * replicas of the one replica set that holds it; for a directory, every brick that answers.
 * This reads through the graph top itself: the user-facing xattr calls refuse internal names.
 * ENOENT, ENOTCONN, EIO (a malformed answer).
 */
export async function locate(ac: ApiContext, path: string): Promise<BrickLocation[]> {
  const r = await resolvePath(ac, path, true);
  const got = await ac.top.getxattr(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, PATHINFO_XATTR);
  const text = got[PATHINFO_XATTR];
  if (!text) throw new FsError('ENODATA', `the volume did not answer ${PATHINFO_XATTR} for ${r.path}`);
  return parsePathinfo(text.toString('utf8'));
}

const OPEN = '<POSIX(';

/**
 * The brick elements of a pathinfo text (see format/pathinfo.ts), in order; the
 * `(<DISTRIBUTE:…>` / `(<REPLICATE:…>` grouping is dropped. An element is
 * `<POSIX(<brick>):<host>:<brick><path>>`: the host ends where `:<brick>` starts again, and the
 * element ends at the first `>` followed by a space, `)` or the end (GlusterFS does not escape
 * names, so a name containing `> ` or `>)` cannot be told apart). EIO when malformed.
 */
export function parsePathinfo(text: string): BrickLocation[] {
  const out: BrickLocation[] = [];
  for (let at = text.indexOf(OPEN); at >= 0; at = text.indexOf(OPEN, at)) {
    const brickStart = at + OPEN.length;
    const brickEnd = text.indexOf('):', brickStart);
    if (brickEnd < 0) throw malformed(text);
    const brick = text.slice(brickStart, brickEnd);
    const hostStart = brickEnd + 2;
    const pathStart = text.indexOf(':' + brick, hostStart) + 1;
    if (pathStart === 0 || pathStart === hostStart) throw malformed(text);
    const end = elementEnd(text, pathStart + brick.length);
    out.push({ host: text.slice(hostStart, pathStart - 1), brick, path: text.slice(pathStart, end) });
    at = end + 1;
  }
  return out;
}

function elementEnd(text: string, from: number): number {
  for (let i = text.indexOf('>', from); i >= 0; i = text.indexOf('>', i + 1)) {
    const next = text[i + 1];
    if (next === undefined || next === ' ' || next === ')') return i;
  }
  throw malformed(text);
}

function malformed(text: string): FsError {
  return new FsError('EIO', `malformed ${PATHINFO_XATTR}: ${JSON.stringify(text.slice(0, 200))}`);
}
