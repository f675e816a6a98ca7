import type { Expr } from '../expr/index.js';

/** A start path: as the user gave it (printed) and as a normalized volume path (walked). */
export interface StartPath {
  shown: string;
  path: string;
}

/** Arguments of the `gfind.crawl` brick task (JSON; built by the client, see `runQuery`). */
export interface CrawlArgs {
  /** 'walk' evaluates the expression; 'prepass' only gathers what needs every replica set (see {@link Prepass}). */
  mode: 'walk' | 'prepass';
  starts: StartPath[];
  expr: Expr;
  maxdepth: number;
  mindepth: number;
  depth: boolean;
  /** Query start time, seconds. */
  now: number;
  /**
   * Subvolume names whose brick prints directories: every brick has every directory, so only
   * the answering brick of the first replica set reports them (the others still walk and prune).
   */
  dirOwners: string[];
  /** Host each brick is reached by, by subvolume name (-brick, `location`). */
  hosts: Record<string, string>;
  /** -print/-print0/-ls to standard output become records. */
  records: boolean;
  /** Send output as `[path, stream, text]` units the client can sort. */
  sort: boolean;
  /** uid/gid → name, for %u %g -ls (only when the expression prints names). */
  users: [number, string][];
  groups: [number, string][];
  /** Volume paths of directories empty on every replica set (-empty), from the prepass. */
  emptyDirs: string[];
  /** Symlink volume path → type letter of its target (-xtype, %Y), resolved by the client. */
  targets: Record<string, string>;
  /** Flush a chunk after this many entries or bytes of output. */
  batchEntries: number;
  batchBytes: number;
}

/** Result of a prepass on one brick. */
export interface Prepass {
  /** Directories with no entry on this brick (DHT link files do not count). */
  empty: string[];
  /** Volume paths of the symlinks on this brick. */
  links: string[];
}

/** A chunk a walking brick streams back. */
export interface CrawlChunk {
  /** Output text per stream (index = stream), when not sorting. */
  t?: string[];
  /** `[sort key (path), stream, text]` units, when sorting. */
  u?: [string, number, string][];
  /** Records, column by column. */
  r?: RecordColumns;
  /** The last chunk of a brick that ran -quit: the client stops every brick. */
  q?: true;
}

/** The final result of a walk on one brick. */
export interface CrawlResult {
  /** -quit ran on this brick. */
  quit: boolean;
  /** Entries visited, and per-entry errors find would report (`'path': reason`). */
  visited: number;
  errors: string[];
}

/** Records as columns (one array per field, same length). */
export interface RecordColumns {
  path: string[];
  type: string[];
  size: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  nlink: number[];
  mtime: number[];
  atime: number[];
  ctime: number[];
  ino: string[];
  gfid: string[];
  depth: number[];
  target: string[];
  brick: string[];
}

/** The record fields in column order. */
export const RECORD_FIELDS: (keyof RecordColumns)[] = [
  'path', 'type', 'size', 'mode', 'uid', 'gid', 'nlink', 'mtime', 'atime', 'ctime', 'ino', 'gfid', 'depth', 'target', 'brick',
];

/** Empty record columns. */
export function emptyColumns(): RecordColumns {
  return {
    path: [], type: [], size: [], mode: [], uid: [], gid: [], nlink: [], mtime: [], atime: [], ctime: [], ino: [], gfid: [],
    depth: [], target: [], brick: [],
  };
}
