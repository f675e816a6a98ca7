import type { Iatt } from './types.js';

/** `st_mode` type bits. */
export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
/** The sticky bit; on a zero-byte regular file with no other bits it marks a DHT link file. */
export const S_ISVTX = 0o1000;

/** True for a directory. */
export function isDir(iatt: Pick<Iatt, 'mode'>): boolean {
  return (iatt.mode & S_IFMT) === S_IFDIR;
}

/** True for a regular file. */
export function isFile(iatt: Pick<Iatt, 'mode'>): boolean {
  return (iatt.mode & S_IFMT) === S_IFREG;
}

/** True for a symbolic link. */
export function isSymlink(iatt: Pick<Iatt, 'mode'>): boolean {
  return (iatt.mode & S_IFMT) === S_IFLNK;
}

/** Permission bits (with setuid/setgid/sticky) of a mode. */
export function permBits(mode: number): number {
  return mode & 0o7777;
}

/** The inode number a client shows for a GFID: its last 8 bytes as an unsigned 64-bit integer. */
export function inoFromGfid(gfid: string): bigint {
  return BigInt('0x' + gfid.replace(/-/g, '').slice(16));
}
