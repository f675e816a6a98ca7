import { closeSync, constants, fstatSync, openSync, readdirSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Dirent, Fops } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { dirState, dropState, keepState } from './fd-state.js';
import { gfidOf } from './gfid.js';
import { lstatOrNull, toIatt } from './iatt.js';
import { resolve } from './resolve.js';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW } = constants;

/**
 * Directory listing. opendir snapshots the names (cookies are positions in the snapshot, so
 * paging never repeats or skips an entry); readdir stats entries through the open descriptor
 * (`/proc/self/fd/N/name`), which keeps working when the directory is renamed and can never be
 * redirected by a symlink swapped into its path. `.glusterfs` is never listed.
 */
export function dirFops(b: Brick): Pick<Fops, 'opendir' | 'readdir' | 'releasedir'> {
  return {
    async opendir(_ctx, loc, fd) {
      const r = resolve(b, loc.path, 'read');
      let os: number;
      try {
        os = openSync(r.real, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new FsError('ENOTDIR', `${loc.path} is a symlink`, b.name);
        throw e;
      }
      try {
        const gfid = gfidOf(b, r, fstatSync(os));
        let names = readdirSync(`/proc/self/fd/${os}`);
        if (r.real === b.root) names = names.filter((n) => n !== '.glusterfs');
        keepState(b, fd, { kind: 'dir', os, gfid, names, released: false });
      } catch (e) {
        closeSync(os);
        throw e;
      }
    },

    async readdir(_ctx, fd, offset, count) {
      const s = dirState(b, fd);
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(count) || count < 1) {
        throw new FsError('EINVAL', `bad readdir offset ${offset} or count ${count}`, b.name);
      }
      const base = `/proc/self/fd/${s.os}`;
      const entries: Dirent[] = [];
      let i = offset;
      for (; i < s.names.length && entries.length < count; i++) {
        const name = s.names[i]!;
        const real = `${base}/${name}`;
        const st = lstatOrNull(real);
        if (!st) continue; // removed since opendir
        const gfid = gfidOf(b, { real, name, parentReal: base, parentGfid: s.gfid }, st);
        entries.push({ name, off: i + 1, iatt: toIatt(st, gfid) });
      }
      return { entries, eof: i >= s.names.length };
    },

    async releasedir(_ctx, fd) {
      dropState(b, fd);
    },
  };
}
