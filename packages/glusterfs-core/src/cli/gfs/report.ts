import { FsError, redactGfids, type Errno } from '../../errors/index.js';

/** glibc's strerror text for every errno the volume raises, so messages read like coreutils'. */
const STRERROR: Record<Errno, string> = {
  EPERM: 'Operation not permitted', ENOENT: 'No such file or directory', EIO: 'Input/output error',
  EBADF: 'Bad file descriptor', EAGAIN: 'Resource temporarily unavailable', ENOMEM: 'Cannot allocate memory',
  EACCES: 'Permission denied', EBUSY: 'Device or resource busy', EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument', EMFILE: 'Too many open files', EFBIG: 'File too large',
  ENOSPC: 'No space left on device', EROFS: 'Read-only file system', EMLINK: 'Too many links',
  ERANGE: 'Numerical result out of range', ENAMETOOLONG: 'File name too long',
  ENOSYS: 'Function not implemented', ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links', ENODATA: 'No data available', EPROTO: 'Protocol error',
  EOVERFLOW: 'Value too large for defined data type', EBADMSG: 'Bad message',
  ENOTSUP: 'Operation not supported', ECONNREFUSED: 'Connection refused',
  ENOTCONN: 'Transport endpoint is not connected', ETIMEDOUT: 'Connection timed out',
  ESTALE: 'Stale file handle', EDQUOT: 'Disk quota exceeded', ECANCELED: 'Operation canceled',
  EADDRINUSE: 'Address already in use',
};

/** The C library's text for an errno name (`ENOENT` → `No such file or directory`). */
export function strerror(code: Errno): string {
  return STRERROR[code] ?? code;
}

/** Writes one `gfs: …` line to stderr, without GFIDs (nobody asked for them in an error). */
export function warn(msg: string): void {
  process.stderr.write(`gfs: ${redactGfids(msg)}\n`);
}

/**
 * Reports a failed operation on a path the way coreutils do, with the errno name for scripts:
 * `gfs: cannot stat '/x': No such file or directory (ENOENT)`.
 */
export function reportFailure(what: string, path: string, e: unknown): void {
  const fe = FsError.from(e);
  warn(`cannot ${what} '${path}': ${strerror(fe.code)} (${fe.code})`);
}

/** Writes lines to stdout in one write. */
export function printLines(lines: string[]): void {
  if (lines.length) process.stdout.write(lines.join('\n') + '\n');
}
