import type { Gfid } from './types.js';

/**
 * An open file or directory, GlusterFS's fd_t. The top of a graph creates it and passes it to
 * open/create/opendir; each translator keeps its own per-fd state in `ctx` under its own name
 * (protocol/client: the remote fd number; cluster/dht: the subvolume holding the file; storage:
 * the OS handle). `path` follows renames made through the same client.
 */
export interface Fd {
  path: string;
  gfid: Gfid;
  flags: number;
  readonly isDir: boolean;
  readonly ctx: Map<string, unknown>;
}

/** A new, not yet opened fd for `path`. */
export function createFd(path: string, flags: number, isDir = false, gfid: Gfid = ''): Fd {
  return { path, gfid, flags, isDir, ctx: new Map() };
}
