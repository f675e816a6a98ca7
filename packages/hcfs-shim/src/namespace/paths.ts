import { FsError } from 'glusterfs-core';

/** Where the shim keeps its own state on the volume; hidden from HDFS clients, as HDFS's `/.reserved`. */
export const RESERVED_DIR = '/.reserved';

/**
 * A client's path as an absolute, normalised volume path: `hdfs://host:port` stripped, repeated
 * and trailing slashes removed, `.` dropped. `..` and NUL are refused (EINVAL) rather than
 * resolved, as HDFS does, so a path can never climb out of the volume.
 */
export function normalizePath(raw: string): string {
  let p = raw;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(p);
  if (scheme) p = p.slice(scheme[0].length) || '/';
  if (!p.startsWith('/')) throw new FsError('EINVAL', `${raw}: not an absolute path`);
  const parts: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..' || c.includes('\0')) throw new FsError('EINVAL', `${raw}: invalid path component "${c}"`);
    parts.push(c);
  }
  return '/' + parts.join('/');
}

/** The parent directory of a normalised path (`/` for `/`). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last component of a normalised path ('' for `/`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a directory and a child name. */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** True when `path` is `ancestor` or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return ancestor === '/' || path === ancestor || path.startsWith(ancestor + '/');
}

/** Every proper ancestor of a path, from `/` down to its parent. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let p = parentOf(path); ; p = parentOf(p)) {
    out.unshift(p);
    if (p === '/') return path === '/' ? [] : out;
  }
}

/** True for the shim's own state directory and anything under it. */
export function isReserved(path: string): boolean {
  return isWithin(path, RESERVED_DIR);
}
