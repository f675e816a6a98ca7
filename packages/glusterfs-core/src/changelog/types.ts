import type { Gfid } from '../fop/index.js';

/**
 * The change journal's record kinds, as GlusterFS's changelog names them: `E` entry operations
 * (a name appears, moves or goes), `D` data (the bytes changed: one record per GFID per
 * rollover window), `M` metadata (attributes, xattrs, and the close of a file written through
 * that fd).
 */
export type JournalKind = 'E' | 'D' | 'M';

/** The operation a record stands for. */
export type JournalOp =
  | 'CREATE' | 'MKDIR' | 'MKNOD' | 'SYMLINK' | 'LINK' | 'RENAME' | 'UNLINK' | 'RMDIR'
  | 'WRITE' | 'TRUNCATE'
  | 'SETATTR' | 'SETXATTR' | 'REMOVEXATTR' | 'CLOSE_WRITE';

/** A name in a directory, as entry records carry it. */
export interface JournalEntryName {
  /** GFID of the directory holding the name. */
  pargfid: Gfid;
  /** The name (any bytes but `/` and NUL, UTF-8). */
  name: string;
}

/**
 * A position in a brick's journal: the journal file and the byte offset just after the last
 * record consumed. Cursors compare by (`file`, `offset`); file names sort in time order.
 * JSON-serialisable, so checkpoints and task arguments carry it as is.
 */
export interface JournalCursor {
  file: string;
  offset: number;
}

/** One record of a brick's change journal. */
export interface JournalRecord {
  kind: JournalKind;
  op: JournalOp;
  /** The inode the change is about (for RENAME, the inode renamed; for LINK, the file linked). */
  gfid: Gfid;
  /** When the brick recorded it, ms since the epoch. */
  ts: number;
  /** E records: the name created/linked/removed (RENAME: the old name). */
  entry?: JournalEntryName;
  /** RENAME only: the new name. */
  to?: JournalEntryName;
  /** CREATE/MKDIR/MKNOD/SYMLINK: the new inode's full st_mode (type bits too), owner and group. */
  mode?: number;
  uid?: number;
  gid?: number;
  /**
   * True when this brick was the replica set's *primary* for the change: the first brick the
   * writing client saw up (replicate tags every change with it). Exactly one brick of a set
   * records a client's change as primary, so a consumer that must act once per change (a
   * trigger) acts on primary records only. Without replicate every record is primary.
   */
  primary: boolean;
  /** True when self-heal made the change (copying a peer's state), not a client. */
  heal: boolean;
  /**
   * True when the entry is a DHT link file (distribute's zero-byte pointer to the replica set
   * that holds the data, written and renamed along with the file): not a user's file on this
   * set, so consumers of user changes skip it.
   */
  dhtLink: boolean;
  /** Where the record ends: the cursor of a consumer that has consumed it. */
  next: JournalCursor;
}
