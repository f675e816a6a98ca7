import { constants } from 'node:fs';
import { FsError } from '../errors/index.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND } = constants;

/** Open flags: a number of `O_*` bits, or one of Node's strings (`'r'`, `'r+'`, `'w'`, `'wx'`, `'a'`, …). */
export type OpenFlags = number | 'r' | 'r+' | 'rs+' | 'w' | 'wx' | 'w+' | 'wx+' | 'a' | 'ax' | 'a+' | 'ax+';

const BY_NAME: Record<string, number> = {
  r: O_RDONLY,
  'r+': O_RDWR,
  'rs+': O_RDWR,
  w: O_WRONLY | O_CREAT | O_TRUNC,
  wx: O_WRONLY | O_CREAT | O_TRUNC | O_EXCL,
  'w+': O_RDWR | O_CREAT | O_TRUNC,
  'wx+': O_RDWR | O_CREAT | O_TRUNC | O_EXCL,
  a: O_WRONLY | O_CREAT | O_APPEND,
  ax: O_WRONLY | O_CREAT | O_APPEND | O_EXCL,
  'a+': O_RDWR | O_CREAT | O_APPEND,
  'ax+': O_RDWR | O_CREAT | O_APPEND | O_EXCL,
};

/** Decoded open flags. `wire` is what travels to open/create (no O_TRUNC/O_APPEND: the API does those). */
export interface ParsedFlags {
  readable: boolean;
  writable: boolean;
  create: boolean;
  exclusive: boolean;
  truncate: boolean;
  append: boolean;
  wire: number;
}

/** Decodes `flags`; an unknown string is EINVAL. */
export function parseFlags(flags: OpenFlags): ParsedFlags {
  const n = typeof flags === 'number' ? flags : BY_NAME[flags];
  if (n === undefined) throw new FsError('EINVAL', `unknown open flags "${String(flags)}"`);
  const acc = n & 3;
  return {
    readable: acc === O_RDONLY || acc === O_RDWR,
    writable: acc === O_WRONLY || acc === O_RDWR,
    create: (n & O_CREAT) !== 0,
    exclusive: (n & O_CREAT) !== 0 && (n & O_EXCL) !== 0,
    truncate: (n & O_TRUNC) !== 0 && acc !== O_RDONLY,
    append: (n & O_APPEND) !== 0,
    // Truncation and append positioning are done by the API with explicit fops, so every storage
    // translator sees the same simple open; O_CREAT/O_EXCL only matter to `create`.
    wire: n & ~(O_TRUNC | O_APPEND | O_CREAT | O_EXCL),
  };
}

/** The flags `create` receives: the access mode plus O_CREAT|O_EXCL, so a lost race is EEXIST. */
export function createFlags(p: ParsedFlags): number {
  return p.wire | O_CREAT | O_EXCL;
}
