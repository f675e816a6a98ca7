/** An entry's attributes as the evaluator reads them (times in seconds since the epoch). */
export interface EntryStat {
  mode: number;
  /** Links as clients count them (the brick's `.glusterfs` handle link left out). */
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  /** 512-byte blocks allocated. */
  blocks: number;
  dev: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** Exact times `[seconds, nanoseconds]`, for printing; absent when not read with that precision. */
  atimeNs?: [number, number];
  mtimeNs?: [number, number];
  ctimeNs?: [number, number];
}

/**
 * One entry as the evaluator sees it. The crawl supplies it; everything costly is a method,
 * called only when a test or action needs it (most queries never stat or read xattrs).
 */
export interface Entry {
  /** The path as printed: the start path as given, then the names below it. */
  readonly path: string;
  /** The start path this entry was reached from, as given (%H). */
  readonly start: string;
  /** The last component (what -name matches; for a start path, its base name). */
  readonly name: string;
  /** Depth below the start path (0 for the start path). */
  readonly depth: number;
  /** find's type letter from the directory entry: `f d l b c p s` (no stat needed). */
  readonly type: string;
  /** lstat of the entry. */
  stat(): EntryStat;
  /** The entry's GFID (uuid form). */
  gfid(): string;
  /** An xattr's value, or null when absent. */
  xattr(name: string): Uint8Array | null;
  /** A symlink's target as stored ('' for anything else). */
  linkTarget(): string;
  /** -empty for a directory: no entries on any replica set. */
  emptyDir(): boolean;
  /** Type letter of what a symlink points to (`N` when nothing, `L` for a loop); own type otherwise. */
  targetType(): string;
  /** Where the entry lives: `host:/brick/dir/path`. */
  location(): string;
}

/** Where actions write: stream 0 is standard output, i is the i-th -fprint file. */
export interface Output {
  /** False for an entry the volume does not show (a DHT link file): actions skip it. */
  visible(e: Entry): boolean;
  text(stream: number, text: string, e: Entry): void;
  /** A structured record of the entry (--json, --parquet, --arrow take -print/-print0/-ls output). */
  record(e: Entry): void;
}
