import type { Gfid } from '../fop/index.js';
import { gfidPathOnBrick } from '../xlators/storage/posix/index.js';

/**
 * The volume path the inode `gfid` has on the brick at `brick` now: directories through their
 * handle symlink, other entries through their `gfid2path` records. Null when the brick has no
 * live entry for it (removed since, or a file without gfid2path records). EINVAL for a
 * malformed GFID.
 */
export function gfidPath(brick: string, gfid: Gfid): string | null {
  return gfidPathOnBrick(brick, gfid);
}
