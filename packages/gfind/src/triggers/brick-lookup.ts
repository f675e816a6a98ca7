import { lstatSync } from 'node:fs';
import { FsError, gfidPath, handlePath } from 'glusterfs-core';
import type { BrickLookup } from './events.js';

/**
 * {@link BrickLookup} over a brick directory: paths through core's `gfidPath`, directories
 * through the GFID's handle in `.glusterfs` (a symlink for a directory). A malformed GFID
 * resolves to nothing.
 */
export function brickLookup(root: string): BrickLookup {
  const handle = (gfid: string) => lstatSync(`${root}/${handlePath(gfid)}`, { throwIfNoEntry: false });
  return {
    pathOf(gfid) {
      try {
        return gfidPath(root, gfid);
      } catch (e) {
        if (e instanceof FsError && e.code === 'EINVAL') return null;
        throw e;
      }
    },
    isDirectory: (gfid) => handle(gfid)?.isSymbolicLink() ?? false,
  };
}
