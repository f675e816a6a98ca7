import { closeSync, constants, fstatSync, openSync, unlinkSync, type Stats } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Fd, Fops, Gfid, Loc } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { finishNonDir, newEntryGfid, resolveNew } from './entry-ops.js';
import { keepState, newFileState } from './fd-state.js';
import { gfidOf, parentGfidOf } from './gfid.js';
import { toIatt } from './iatt.js';
import { fixMode, newEntryMode } from './owner.js';
import { resolve, type Resolved } from './resolve.js';

const { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, O_DSYNC, O_NOFOLLOW, O_NONBLOCK } = constants;
const O_ACCMODE = 3;
// Flags a client may pass through; O_CREAT/O_EXCL are create's business, O_DIRECT needs
// aligned buffers we do not promise.
const PASSED = O_ACCMODE | O_TRUNC | O_APPEND | O_SYNC | O_DSYNC;
// O_NOFOLLOW: a final symlink is never followed (ELOOP). O_NONBLOCK: a FIFO made behind our
// back must not block the process in open(); non-regular files are refused right after.
const ALWAYS = O_NOFOLLOW | O_NONBLOCK;

/** open and create: the fops that attach an OS descriptor to an fd. */
export function openFops(b: Brick): Pick<Fops, 'open' | 'create'> {
  return {
    async open(_ctx, loc, flags, fd) {
      const r = resolve(b, loc.path, 'read');
      openExisting(b, r, flags, fd);
    },

    async create(ctx, loc, flags, asked, fd) {
      const mode = newEntryMode(ctx, asked);
      const r = resolveNew(b, loc);
      let os: number;
      try {
        os = openSync(r.real, (flags & PASSED) | ALWAYS | O_CREAT | O_EXCL, mode & 0o7777);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || flags & O_EXCL) throw e;
        return openExisting(b, r, flags, fd);
      }
      try {
        const gfid = claimOrUndo(b, loc, r);
        finishNonDir(b, ctx, r, gfid, parentGfidOf(b, r), os);
        let st = fstatSync(os);
        if (fixMode(st, mode, os)) st = fstatSync(os);
        keepState(b, fd, newFileState(os, gfid));
        return toIatt(st, gfid);
      } catch (e) {
        closeSync(os);
        throw e;
      }
    },
  };
}

// A requested GFID can only be claimed once the name is ours (O_EXCL succeeded): before that,
// a retried create of the same file would see its own GFID as taken.
function claimOrUndo(b: Brick, loc: Loc, r: Resolved): Gfid {
  try {
    return newEntryGfid(b, loc);
  } catch (e) {
    unlinkSync(r.real);
    throw e;
  }
}

function openExisting(b: Brick, r: Resolved, flags: number, fd: Fd) {
  const os = openSync(r.real, (flags & PASSED) | ALWAYS);
  try {
    const st: Stats = fstatSync(os);
    if (st.isDirectory()) throw new FsError('EISDIR', `${r.path} is a directory`, b.name);
    if (!st.isFile()) throw new FsError('EINVAL', `${r.path} is not a regular file`, b.name);
    const gfid = gfidOf(b, r, st);
    keepState(b, fd, newFileState(os, gfid));
    return toIatt(st, gfid);
  } catch (e) {
    closeSync(os);
    throw e;
  }
}
