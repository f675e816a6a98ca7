import {
  chmodSync, closeSync, constants, fdatasync, fstatSync, fsync, ftruncate, lchownSync, lstatSync,
  lutimesSync, openSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { FsError } from '../../../errors/index.js';
import type { Fops } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { dropState, withFile } from './fd-state.js';
import { gfidOf } from './gfid.js';
import { lstatOrNull, toIatt } from './iatt.js';
import { checkIo, pwriteAll } from './io.js';
import { checkSetIdChange } from './owner.js';
import { resolve } from './resolve.js';

const fsyncAsync = promisify(fsync);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);
const { O_WRONLY, O_NOFOLLOW, O_NONBLOCK } = constants;

type InodeWriteFops = Pick<Fops, 'setattr' | 'truncate' | 'ftruncate' | 'write' | 'fsync' | 'flush' | 'release'>;

/** Fops that change an inode's data or attributes, and the end of an fd's life. */
export function inodeWriteFops(b: Brick): InodeWriteFops {
  return {
    async setattr(ctx, loc, attrs) {
      const r = resolve(b, loc.path, 'write');
      const st = lstatOrNull(r.real);
      if (!st) throw new FsError('ENOENT', undefined, b.name);
      if (attrs.mode !== undefined) checkSetIdChange(ctx, st.mode, attrs.mode, b.name);
      // Owner first: chown clears set-id bits that a mode in the same call may want back.
      if (attrs.uid !== undefined || attrs.gid !== undefined) lchownSync(r.real, attrs.uid ?? -1, attrs.gid ?? -1);
      // Linux has no lchmod and a symlink's mode means nothing; chmod would follow the link.
      if (attrs.mode !== undefined && !st.isSymbolicLink()) chmodSync(r.real, attrs.mode & 0o7777);
      if (attrs.atimeMs !== undefined || attrs.mtimeMs !== undefined) {
        lutimesSync(r.real, (attrs.atimeMs ?? st.atimeMs) / 1000, (attrs.mtimeMs ?? st.mtimeMs) / 1000);
      }
      const now = lstatSync(r.real);
      return toIatt(now, gfidOf(b, r, now));
    },

    async truncate(_ctx, loc, size) {
      checkIo(b, 0, size);
      const r = resolve(b, loc.path, 'write');
      // Through an O_NOFOLLOW descriptor: truncate(2) on a path would follow a final symlink.
      const os = openSync(r.real, O_WRONLY | O_NOFOLLOW | O_NONBLOCK);
      try {
        const st = fstatSync(os);
        if (!st.isFile()) throw new FsError('EINVAL', `${loc.path} is not a regular file`, b.name);
        // Every path-based step happens before the first await (see resolve()).
        const gfid = gfidOf(b, r, st);
        await ftruncateAsync(os, size);
        return toIatt(fstatSync(os), gfid);
      } finally {
        closeSync(os);
      }
    },

    async ftruncate(_ctx, fd, size) {
      checkIo(b, 0, size);
      return withFile(b, fd, async (s) => {
        await ftruncateAsync(s.os, size);
        return toIatt(fstatSync(s.os), s.gfid);
      });
    },

    async write(_ctx, fd, data, offset) {
      checkIo(b, 0, offset);
      return withFile(b, fd, async (s) => {
        await pwriteAll(b, s.os, data, offset);
        return toIatt(fstatSync(s.os), s.gfid);
      });
    },

    async fsync(_ctx, fd, datasync) {
      await withFile(b, fd, (s) => (datasync ? fdatasyncAsync(s.os) : fsyncAsync(s.os)));
    },

    async flush() {
      // Nothing is buffered here; write-behind translators above flush their own state.
    },

    async release(_ctx, fd) {
      dropState(b, fd);
    },
  };
}
