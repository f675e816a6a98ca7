import { lstatSync, renameSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Fops } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { forgetName, gfidOf, parentGfidOf, readGfid } from './gfid.js';
import { addGfid2path, dropDirHandle, removeGfid2path, setDirHandle } from './handles.js';
import { lstatOrNull, toIatt } from './iatt.js';
import { resolve } from './resolve.js';
import { looksLikeLinkfile, markLinkfileDir } from './linkfile-marks.js';

/**
 * rename with POSIX semantics (the kernel's rename(2) decides EISDIR, ENOTDIR, ENOTEMPTY and
 * EINVAL for a directory moved below itself), keeping handles right: a moved directory's
 * handle symlink is re-pointed at its new parent and name, a moved file's gfid2path record is
 * renamed, and a replaced target loses its handle when that was its last name.
 */
export function renameFops(b: Brick): Pick<Fops, 'rename'> {
  return {
    async rename(_ctx, from, to) {
      const rf = resolve(b, from.path, 'write');
      const rt = resolve(b, to.path, 'write');
      if (rf.real === b.root || rt.real === b.root) throw new FsError('EBUSY', 'the root cannot be renamed', b.name);
      const src = lstatOrNull(rf.real);
      if (!src) throw new FsError('ENOENT', `${from.path} does not exist`, b.name);
      const gfid = gfidOf(b, rf, src);
      const dst = lstatOrNull(rt.real);
      // Two names of one inode: POSIX says rename does nothing.
      if (dst && dst.ino === src.ino && dst.dev === src.dev) return toIatt(src, gfid);
      const dstGfid = dst ? readGfid(b, rt.real) : null;
      const fromParent = parentGfidOf(b, rf);
      const toParent = parentGfidOf(b, rt);

      renameSync(rf.real, rt.real);
      if (looksLikeLinkfile(src)) markLinkfileDir(rt.real);

      if (src.isDirectory()) {
        setDirHandle(b, gfid, toParent, rt.name);
      } else {
        removeGfid2path(b, rt.real, fromParent, rf.name);
        addGfid2path(b, rt.real, toParent, rt.name);
      }
      if (dst && dstGfid) {
        if (dst.isDirectory()) dropDirHandle(b, dstGfid);
        else forgetName(b, dstGfid, dst.ino, { ...rt, parentGfid: toParent });
      }
      return toIatt(lstatSync(rt.real), gfid);
    },
  };
}
