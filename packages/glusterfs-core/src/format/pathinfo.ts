import { FsError } from '../errors/index.js';
import type { Xattrs } from '../fop/index.js';

/**
 * Virtual xattr: `getxattr(loc, 'trusted.glusterfs.pathinfo')` → UTF-8 text naming every brick
 * that holds the entry's data, as GlusterFS answers it. Storage leaves answer
 * `<POSIX(<brick dir>):<host>:<brick dir><volume path>>`; cluster translators wrap their
 * children's answers as `(<DISTRIBUTE:<name>> …)` / `(<REPLICATE:<name>> …)`, e.g.
 * `(<DISTRIBUTE:gv0> (<REPLICATE:gv0-replicate-0> <POSIX(/b/1):h1:/b/1/f> <POSIX(/b/2):h2:/b/2/f>))`.
 * ENOENT when the entry is missing; nothing is stored on disk.
 */
export const PATHINFO_XATTR = 'trusted.glusterfs.pathinfo';

/** Which cluster translator wrapped a pathinfo group. */
export type PathinfoKind = 'DISTRIBUTE' | 'REPLICATE';

/** A storage leaf's pathinfo element: brick dir `brick` on `host`, volume path `path`. */
export function posixPathinfo(brick: string, host: string, path: string): string {
  return `<POSIX(${brick}):${host}:${path === '/' ? brick : brick + path}>`;
}

/** A cluster translator's pathinfo group around its children's answers, in child order. */
export function clusterPathinfo(kind: PathinfoKind, name: string, parts: readonly string[]): string {
  return `(<${kind}:${name}> ${parts.join(' ')})`;
}

/** The getxattr reply carrying pathinfo `text`. */
export function pathinfoReply(text: string): Xattrs {
  return { [PATHINFO_XATTR]: Buffer.from(text, 'utf8') };
}

/** The pathinfo text of a child's getxattr reply. ENODATA when the reply lacks it. */
export function pathinfoOf(reply: Xattrs): string {
  const v = reply[PATHINFO_XATTR];
  if (!v) throw new FsError('ENODATA', `the reply carries no ${PATHINFO_XATTR}`);
  return v.toString('utf8');
}
