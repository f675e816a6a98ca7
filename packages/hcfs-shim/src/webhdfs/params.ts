import { FsError } from 'glusterfs-core';

/** Path prefix of every WebHDFS URL. */
export const WEBHDFS_PREFIX = '/webhdfs/v1';

/** A WebHDFS request target: the volume path and the query, parameter names lower-cased. */
export interface RequestTarget {
  path: string;
  query: URLSearchParams;
}

/**
 * Splits a request URL (`/webhdfs/v1/<path>?op=…`) into the normalised volume path and the
 * query. Hadoop matches parameter names case-insensitively, so names are lower-cased here once.
 * Undefined when the URL is not under {@link WEBHDFS_PREFIX}; EINVAL for bad percent-encoding
 * or a path {@link normalizeHdfsPath} rejects.
 */
export function parseRequestTarget(url: string): RequestTarget | undefined {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  if (rawPath !== WEBHDFS_PREFIX && !rawPath.startsWith(WEBHDFS_PREFIX + '/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.slice(WEBHDFS_PREFIX.length));
  } catch {
    throw new FsError('EINVAL', `Invalid path name: bad percent-encoding in ${rawPath}`);
  }
  const path = normalizeHdfsPath(decoded);
  const query = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(q < 0 ? '' : url.slice(q + 1))) query.append(k.toLowerCase(), v);
  return { path, query };
}

/**
 * An HDFS path in the form the namespace takes: absolute, no empty components, no trailing `/`.
 * EINVAL for a relative path or a `.`/`..` component (HDFS rejects those names rather than
 * resolving them).
 */
export function normalizeHdfsPath(p: string): string {
  if (!p.startsWith('/') && p !== '') throw new FsError('EINVAL', `Invalid path name ${p}: not an absolute path`);
  const parts = p.split('/').filter((c) => c !== '');
  if (parts.some((c) => c === '.' || c === '..' || c.includes('\0'))) throw new FsError('EINVAL', `Invalid path name ${p}`);
  return '/' + parts.join('/');
}

function invalid(name: string, value: string, why: string): FsError {
  return new FsError('EINVAL', `Invalid value for webhdfs parameter "${name}": ${why}: "${value}"`);
}

/** A required string parameter. EINVAL when absent. */
export function requiredParam(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null) throw new FsError('EINVAL', `Required param ${name} for op: ${q.get('op') ?? ''} is null or empty`);
  return v;
}

/** `true`/`false` (any case); `def` when absent or empty. EINVAL otherwise. */
export function boolParam(q: URLSearchParams, name: string, def: boolean): boolean {
  const v = q.get(name);
  if (v === null || v === '') return def;
  const l = v.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw invalid(name, v, 'expected true or false');
}

/** A decimal integer (Java long range checked against JS safe integers); `def` when absent or empty. */
export function longParam(q: URLSearchParams, name: string, def: number, min = Number.MIN_SAFE_INTEGER): number {
  const v = q.get(name);
  if (v === null || v === '') return def;
  if (!/^-?\d+$/.test(v)) throw invalid(name, v, 'not an integer');
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw invalid(name, v, 'out of range');
  if (n < min) throw invalid(name, v, `less than ${min}`);
  return n;
}

/** Permission bits written in octal (`755`, `1777`); `def` when absent or empty. EINVAL past 0o1777. */
export function octalParam(q: URLSearchParams, name: string, def: number): number {
  const v = q.get(name);
  if (v === null || v === '') return def;
  if (!/^[0-7]{1,4}$/.test(v)) throw invalid(name, v, 'not an octal permission');
  const n = parseInt(v, 8);
  if (n > 0o1777) throw invalid(name, v, 'out of range [0, 1777]');
  return n;
}

/** `flag` of SETXATTR: a comma list of CREATE and REPLACE → 1, 2 or 3 (both when absent). */
export function xattrFlagParam(q: URLSearchParams): number {
  const v = q.get('flag');
  if (v === null || v === '') return 3;
  let flag = 0;
  for (const part of v.split(',')) {
    const p = part.trim().toUpperCase();
    if (p === 'CREATE') flag |= 1;
    else if (p === 'REPLACE') flag |= 2;
    else throw invalid('flag', v, 'expected CREATE and/or REPLACE');
  }
  return flag;
}
