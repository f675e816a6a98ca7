/**
 * The parsed find expression: plain JSON, built once on the client by `parseFind` and sent to
 * every brick, where `compileExpr` turns it into a predicate. Everything that needs the client
 * (user names, reference files, "now", regex translation) is already resolved in it.
 */

/** A numeric comparison as find writes it: `+N` (more than), `-N` (less than), `N` (exactly). */
export type Cmp = 1 | -1 | 0;

/** A compiled glob (fnmatch without FNM_PATHNAME/FNM_PERIOD), with fast paths for common shapes. */
export type Matcher =
  | { kind: 'lit' | 'prefix' | 'suffix' | 'contains'; s: string }
  | { kind: 'any' }
  | { kind: 're'; source: string; flags: string };

/** One piece of a compiled `-printf` format. */
export type Segment =
  | { lit: string }
  /** `%` directive `d` (with its time letter `k` for %A %C %T), flags, width and precision. */
  | { d: string; k?: string; flags: string; width: number; prec: number }
  /** `\c`: stop this format here. */
  | { stop: true };

/** A test (true or false, no side effect). */
export type Test =
  | { op: 'true' }
  | { op: 'false' }
  | { op: 'name'; m: Matcher }
  | { op: 'path'; m: Matcher }
  | { op: 'lname'; m: Matcher }
  | { op: 'regex'; source: string; flags: string }
  | { op: 'type'; types: string }
  | { op: 'xtype'; types: string }
  | { op: 'size'; cmp: Cmp; n: number; unit: number }
  | { op: 'empty' }
  /** -amin/-atime…: find's time window against `ref` (seconds), see `compile.ts`. */
  | { op: 'time'; field: TimeField; cmp: Cmp; ref: number; window: number }
  /** -newer*, -anewer, -cnewer, -newerXY: the entry's time is later than `ref` (seconds). */
  | { op: 'newer'; field: TimeField; ref: number }
  | { op: 'uid' | 'gid' | 'links'; cmp: Cmp; n: number }
  /** -inum: inode numbers are 64-bit, so N travels as a decimal string. */
  | { op: 'inum'; cmp: Cmp; n: string }
  | { op: 'nouser' | 'nogroup'; known: number[] }
  | { op: 'perm'; kind: 'exact' | 'all' | 'any'; mode: number; dirMode: number }
  | { op: 'samefile'; gfid: string }
  | { op: 'gfid'; gfid: string }
  | { op: 'xattr'; name: string; value?: string };

/** An action (has an effect; its presence turns off the default -print). */
export type Action =
  | { op: 'print'; stream: number; sep: '\n' | '\0' }
  | { op: 'printf'; stream: number; fmt: Segment[] }
  | { op: 'ls'; stream: number }
  | { op: 'brick'; stream: number }
  | { op: 'prune' }
  | { op: 'quit' };

/** A node of the expression tree. */
export type Expr =
  | { op: 'and' | 'or' | 'comma'; l: Expr; r: Expr }
  | { op: 'not'; e: Expr }
  | Test
  | Action;

/** Which of an entry's times a test reads. */
export type TimeField = 'a' | 'c' | 'm';

/** A parsed command line: start paths, the expression and find's global options. */
export interface FindQuery {
  /** Start paths as given (default `/`, the volume root). */
  paths: string[];
  expr: Expr;
  /** -maxdepth (-1: none) and -mindepth. */
  maxdepth: number;
  mindepth: number;
  /** -depth / -d: a directory's contents before the directory itself. */
  depth: boolean;
  /** Output files named by -fprint & co., in order; stream i+1 is files[i] (stream 0 is stdout). */
  files: string[];
  /** "Now" as find saw it at start (seconds): -ls uses it to pick its date format. */
  now: number;
  /** Warnings find would print (unknown escapes or directives), already worded. */
  warnings: string[];
  /** Entry files (-newer FILE, -samefile FILE) the client must stat before sending the query. */
  refs: RefFile[];
}

/** A file named in the expression, resolved on the client into the test's `ref` or `gfid`. */
export interface RefFile {
  path: string;
  /** What to read from it: one of its times (seconds) or its GFID. */
  want: TimeField | 'gfid';
  /** The test node that receives it (`ref` or `gfid`), part of `FindQuery.expr`. */
  node: Extract<Test, { op: 'newer' }> | Extract<Test, { op: 'samefile' }>;
}
