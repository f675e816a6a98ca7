import { constants } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Fd } from '../../../fop/index.js';
import type { LiveConn } from './link.js';

/**
 * What protocol/client keeps in `fd.ctx` under its own name: the fd number it chose for the
 * brick, per connection. The number is set before the open is sent, so calls on the fd can be
 * sent right behind the open without waiting for its reply.
 */
export interface RemoteFd {
  num: number;
  /** The connection generation `num` belongs to; any other generation must reopen first. */
  gen: number;
  /** Set when the open that chose `num` failed: later calls fail with its errno. */
  failed?: FsError;
  /** The open (or create) that chose `num`, until it settles. */
  opening?: Promise<unknown>;
  /** A reopen in progress on generation `reopenGen`, shared by the fops that need it. */
  reopening?: Promise<number>;
  reopenGen?: number;
  /** Set when a reopen failed: the fd is dead (EBADF) from then on. */
  dead?: string;
}

/** Flags that must not be replayed when reopening: the file exists now and must keep its data. */
const NOT_REPLAYED = constants.O_CREAT | constants.O_EXCL | constants.O_TRUNC;

/**
 * Records fd number `num` for `fd` on connection generation `gen`. Called before the open that
 * carries `num` is sent; {@link watchOpen} then follows that open.
 */
export function setRemoteFd(fd: Fd, key: string, num: number, gen: number): RemoteFd {
  const st: RemoteFd = { num, gen };
  fd.ctx.set(key, st);
  return st;
}

/** Marks `st` failed when the open behind it rejects (unless a later open replaced it meanwhile). */
export function watchOpen(fd: Fd, key: string, st: RemoteFd, opened: Promise<unknown>): void {
  st.opening = opened;
  opened.then(
    () => { st.opening = undefined; },
    (e: unknown) => {
      st.opening = undefined;
      if (fd.ctx.get(key) === st) st.failed = FsError.from(e, key);
    },
  );
}

/** True once the brick has confirmed the open of `fd` (waiting for its reply if needed). */
export async function openConfirmed(fd: Fd, key: string): Promise<boolean> {
  const st = getRemoteFd(fd, key);
  if (st?.opening) await st.opening.catch(() => undefined);
  return !!st && !st.failed && !st.dead;
}

/** The remote state of `fd`, or undefined if it was not opened through this translator. */
export function getRemoteFd(fd: Fd, key: string): RemoteFd | undefined {
  return fd.ctx.get(key) as RemoteFd | undefined;
}

/**
 * The brick fd number to use for `fd` on connection `live`: a number when it is known now (so
 * the caller can send in the same turn, keeping calls in order on the wire), else a promise.
 * An fd whose open failed raises that open's errno. An fd opened on an earlier connection (the
 * brick restarted or the link dropped) is reopened by path with its original flags minus
 * O_CREAT/O_EXCL/O_TRUNC; if that fails the fd is dead and every later use is EBADF. A reopen
 * cut short by another disconnect stays retryable (ENOTCONN).
 */
export function remoteFdNumber(
  fd: Fd, key: string, live: LiveConn, reopen: (path: string, flags: number, isDir: boolean) => Promise<number>,
): number | Promise<number> {
  const st = getRemoteFd(fd, key);
  if (!st) throw new FsError('EBADF', `fd for ${fd.path} is not open on this brick`, key);
  if (st.failed) throw new FsError(st.failed.code, `fd for ${fd.path} did not open: ${st.failed.detail}`, key);
  if (st.dead) throw new FsError('EBADF', st.dead, key);
  if (st.gen === live.gen) return st.num;
  if (st.reopening && st.reopenGen === live.gen) return st.reopening;
  return startReopen(fd, key, st, live, reopen);
}

function startReopen(
  fd: Fd, key: string, st: RemoteFd, live: LiveConn, reopen: (path: string, flags: number, isDir: boolean) => Promise<number>,
): Promise<number> {
  const done = () => {
    if (st.reopenGen === live.gen) st.reopening = st.reopenGen = undefined;
  };
  st.reopenGen = live.gen;
  st.reopening = reopen(fd.path, fd.flags & ~NOT_REPLAYED, fd.isDir).then(
    (num) => {
      done();
      // A late answer from an older connection must not overwrite a newer reopen.
      if (live.gen > st.gen) {
        st.num = num;
        st.gen = live.gen;
      }
      return num;
    },
    (e: unknown) => {
      done();
      const err = FsError.from(e, key);
      if (err.code === 'ENOTCONN' || err.code === 'ETIMEDOUT' || err.code === 'ECANCELED') throw err;
      st.dead = `fd for ${fd.path} could not be reopened after a reconnect: ${err.message}`;
      throw new FsError('EBADF', st.dead, key);
    },
  );
  return st.reopening;
}
