import { type Errno, isErrno } from './errno.js';

/**
 * The only error type that crosses the fop seam. `code` is a POSIX errno name; code branches on
 * it and never on `message`. `xlator` names the translator that raised it (GlusterFS's err_xl).
 */
export class FsError extends Error {
  readonly code: Errno;
  readonly xlator?: string;
  /** The human part of the message, without the `CODE: ` prefix (what travels on the wire). */
  readonly detail: string;

  constructor(code: Errno, message?: string, xlator?: string) {
    super(message ? `${code}: ${message}` : code);
    this.name = 'FsError';
    this.code = code;
    this.detail = message ?? '';
    this.xlator = xlator;
  }

  /**
   * Converts anything thrown into an FsError: an FsError passes through, a Node system error keeps
   * its errno name (`ENOENT` stays `ENOENT`), anything else becomes `EIO` with its message.
   */
  static from(e: unknown, xlator?: string): FsError {
    if (e instanceof FsError) return e;
    const code = (e as { code?: unknown } | null)?.code;
    const msg = e instanceof Error ? e.message : String(e);
    if (isErrno(code)) return new FsError(code, stripCode(msg, code), xlator);
    return new FsError('EIO', msg, xlator);
  }
}

/** True when `e` is an FsError with one of the given codes. */
export function isFsError(e: unknown, ...codes: Errno[]): e is FsError {
  return e instanceof FsError && (codes.length === 0 || codes.includes(e.code));
}

function stripCode(msg: string, code: string): string {
  return msg.startsWith(code + ':') ? msg.slice(code.length + 1).trim() : msg;
}
