import { FsError } from '../errors/index.js';

/**
 * Normalizes a volume path: absolute, `/`-separated, no empty, `.` or trailing components.
 * `..` is resolved lexically but can never climb above `/`. NUL bytes are EINVAL.
 */
export function normalizePath(p: string): string {
  if (p.includes('\0')) throw new FsError('EINVAL', 'path contains a NUL byte');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The parent directory of a normalized path (`/` for `/` itself). */
export function parentPath(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** The last component of a normalized path (`''` for `/`). */
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Joins a normalized directory path and a single name. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}

/** True when `p` is `dir` or lies below it. */
export function isWithin(p: string, dir: string): boolean {
  return dir === '/' || p === dir || p.startsWith(dir + '/');
}
