import { fstatSync, readlinkSync, statfsSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Fops, Xattrs } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { openState, withFile } from './fd-state.js';
import { gfidOf } from './gfid.js';
import { lstatOrNull, statEntry, toIatt } from './iatt.js';
import { checkIo, preadAll } from './io.js';
import { resolve } from './resolve.js';
import { getXattr } from './xattr.js';

type InodeReadFops = Pick<Fops, 'lookup' | 'stat' | 'fstat' | 'readlink' | 'read' | 'statfs'>;

/** Fops that read an inode's attributes or data. */
export function inodeReadFops(b: Brick): InodeReadFops {
  return {
    async lookup(_ctx, loc, xattrNames) {
      const r = resolve(b, loc.path, 'read');
      const st = lstatOrNull(r.real);
      // The common "does it exist" miss: no message, no stack worth keeping.
      if (!st) throw new FsError('ENOENT', undefined, b.name);
      const iatt = toIatt(st, gfidOf(b, r, st, loc.gfid));
      const xattrs: Xattrs = {};
      for (const name of xattrNames ?? []) {
        const v = getXattr(r.real, name);
        if (v) xattrs[name] = v;
      }
      return { iatt, xattrs };
    },

    async stat(_ctx, loc) {
      return statEntry(b, resolve(b, loc.path, 'read'));
    },

    async fstat(_ctx, fd) {
      const s = openState(b, fd);
      return toIatt(fstatSync(s.os), s.gfid);
    },

    async readlink(_ctx, loc) {
      return readlinkSync(resolve(b, loc.path, 'read').real, 'utf8');
    },

    async read(_ctx, fd, size, offset) {
      checkIo(b, size, offset);
      return withFile(b, fd, (s) => preadAll(b, s.os, size, offset));
    },

    async statfs(_ctx, loc) {
      const r = resolve(b, loc.path, 'read');
      if (!lstatOrNull(r.real)) throw new FsError('ENOENT', undefined, b.name);
      const s = statfsSync(b.root);
      return {
        bsize: s.bsize, frsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail,
        files: s.files, ffree: s.ffree, namemax: 255,
      };
    },
  };
}
