import { ipcError } from '../ipc/index.js';
import { normalizePath } from '../namespace/index.js';
import { required } from './convert.js';

/** How a call uses a path: HDFS validates names it is about to create, and only looks others up. */
export type PathUse = 'lookup' | 'create' | 'createFile';

const INVALID_PATH = 'org.apache.hadoop.fs.InvalidPathException';
/** What HDFS's namenode answers a lookup of a path that is not absolute (INode.checkAbsolutePath). */
const ASSERTION_ERROR = 'java.lang.AssertionError';
const DEFAULT_NAMENODE_PORT = 8020;

/**
 * HDFS's DFSUtilClient.isValidName: absolute; no `.` or `..` component; no `:` in a component;
 * no empty component except at the ends (a trailing `/` is fine).
 */
export function isValidName(src: string): boolean {
  if (!src.startsWith('/')) return false;
  const parts = src.split('/');
  return parts.every((c, i) => c !== '.' && c !== '..' && !c.includes(':') && (c !== '' || i === 0 || i === parts.length - 1));
}

/**
 * The paths of one namenode's calls, checked as HDFS's namenode checks them. A path naming this
 * namenode by URI (`hdfs://HOST:PORT/x`, or `hdfs://HOST/x` on port 8020; Debian's Go client
 * sends `truncate`'s argument as typed) is the volume path `/x`; any other URI (another
 * namenode, `file:///etc/passwd`) is not absolute, so refused as HDFS refuses one: a lookup
 * with java.lang.AssertionError "Absolute path required, but got 'X'", a name to create with
 * InvalidPathException. A name to create must pass isValidName ("Invalid path name Invalid file
 * name: X", or "Invalid path name X" for create, whose check comes first); a lookup with a `.`
 * or `..` component names nothing (HDFS looks the component up as a name, and no name is `.`).
 */
export class NamenodePaths {
  readonly #authorities: () => readonly string[];

  /** `authorities`: the `host:port` (and `host` on 8020) names of this namenode, known once it listens. */
  constructor(authorities: () => readonly string[] = () => []) {
    this.#authorities = authorities;
  }

  /** The authorities a namenode at `host:port` answers to. */
  static authoritiesOf(host: string, port: number): string[] {
    const h = host.toLowerCase();
    return port === DEFAULT_NAMENODE_PORT ? [`${h}:${port}`, h] : [`${h}:${port}`];
  }

  /**
   * The volume path of field `what`: FileNotFoundException for a lookup that names nothing,
   * the refusals above otherwise.
   */
  path(raw: string | undefined, what: string, use: PathUse = 'lookup'): string {
    const p = this.maybePath(raw, what, use);
    if (p === undefined) throw ipcError('java.io.FileNotFoundException', `File does not exist: ${raw}`);
    return p;
  }

  /** As {@link path}, but undefined for a lookup that names nothing (calls that answer "absent" then). */
  maybePath(raw: string | undefined, what: string, use: PathUse = 'lookup'): string | undefined {
    const src = this.#local(required(raw, what));
    if (use !== 'lookup') {
      if (!isValidName(src)) {
        throw ipcError(INVALID_PATH, use === 'createFile' ? `Invalid path name ${raw}` : `Invalid path name Invalid file name: ${raw}`);
      }
      return normalizePath(src);
    }
    if (!src.startsWith('/')) throw ipcError(ASSERTION_ERROR, `Absolute path required, but got '${raw}'`);
    if (src.split('/').some((c) => c === '.' || c === '..')) return undefined;
    return normalizePath(src);
  }

  /** `raw` with this namenode's own scheme and authority taken off; anything else as given. */
  #local(raw: string): string {
    const m = /^hdfs:\/\/([^/]*)(.*)$/i.exec(raw);
    if (!m || !this.#authorities().includes(m[1]!.toLowerCase())) return raw;
    return m[2] || '/';
  }
}
