import type { Gfid } from 'glusterfs-core';

/** What happened to a name, in glusterfind's words. */
export type ChangeOp = 'NEW' | 'MODIFY' | 'RENAME' | 'DELETE';

/** The file type of a change, as find's `%y` spells it (`f` file, `d` directory, `l` symlink, `p`, `s`, `c`, `b`). */
export type ChangeType = 'f' | 'd' | 'l' | 'p' | 's' | 'c' | 'b';

/** A name in a directory, as the journal's entry records carry it. */
export interface EntryName {
  pargfid: Gfid;
  name: string;
}

/**
 * One coalesced change of one inode, still naming directories by GFID (paths are resolved on
 * the brick when the window is read). NEW: `name` is where it is now; MODIFY: `name` is one
 * of its current names when the window saw one, else absent (resolve the GFID); RENAME:
 * `name` then `to`; DELETE: `name` is the name it had when the window started.
 */
export interface NamedChange {
  op: ChangeOp;
  gfid: Gfid;
  name?: EntryName;
  to?: EntryName;
  type?: ChangeType;
  /** When the change happened (ms, brick clock): output is ordered by it. */
  ts: number;
  /** Position among the changes of one brick with the same `ts` (keeps a DELETE before the RENAME that displaced it). */
  seq: number;
}

/** One line of `gfind changes`: a coalesced change with volume paths. */
export interface Change {
  op: ChangeOp;
  /** Volume path (NEW, MODIFY: where it is; RENAME, DELETE: where it was). */
  path: string;
  /** RENAME: where it is now. */
  newPath?: string;
  gfid: Gfid;
  type?: ChangeType;
  ts: number;
  seq: number;
}
