/**
 * The one errno table. Keys are POSIX names (Node's spelling), values are the Linux numbers that
 * travel on the wire. Every failure that crosses the fop seam carries one of these names.
 */
export const ERRNO = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EBUSY: 16,
  EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, EMFILE: 24, EFBIG: 27,
  ENOSPC: 28, EROFS: 30, EMLINK: 31, ERANGE: 34, ENAMETOOLONG: 36, ENOSYS: 38, ENOTEMPTY: 39,
  ELOOP: 40, ENODATA: 61, EPROTO: 71, EOVERFLOW: 75, EBADMSG: 74, ENOTSUP: 95,
  ECONNREFUSED: 111, ENOTCONN: 107, ETIMEDOUT: 110, ESTALE: 116, EDQUOT: 122,
  ECANCELED: 125, EADDRINUSE: 98,
} as const;

/** A POSIX errno name from {@link ERRNO}. */
export type Errno = keyof typeof ERRNO;

const BY_NUMBER = new Map<number, Errno>(
  (Object.entries(ERRNO) as [Errno, number][]).map(([k, v]) => [v, k]),
);

/** Wire number → errno name; an unknown number decodes as `EIO`. */
export function errnoFromNumber(n: number): Errno {
  return BY_NUMBER.get(n) ?? 'EIO';
}

/** True when `name` is one of the errno names in {@link ERRNO}. */
export function isErrno(name: unknown): name is Errno {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ERRNO, name);
}
