import { ROOT_GFID, isGfid, type Gfid } from '../../../fop/index.js';
import type { MemStore } from './store.js';

/**
 * The volume path of the entry with `gfid` (any one name of a hard-linked file), found by a
 * walk from the root: memory bricks keep no parent pointers, and this is only asked by heal.
 * ENOENT when no live entry has that GFID; EINVAL for a malformed one.
 */
export function gfidToPath(store: MemStore, gfid: Gfid): string {
  if (!isGfid(gfid)) throw store.error('EINVAL', `not a GFID: ${JSON.stringify(gfid)}`);
  if (gfid === ROOT_GFID) return '/';
  if (store.inodes.has(gfid)) {
    const stack: [string, Gfid][] = [['', ROOT_GFID]];
    for (let top = stack.pop(); top; top = stack.pop()) {
      const dir = store.inodes.get(top[1])?.dir;
      for (const name of dir?.names() ?? []) {
        const child = dir!.get(name)!;
        if (child === gfid) return `${top[0]}/${name}`;
        if (store.inodes.get(child)?.dir) stack.push([`${top[0]}/${name}`, child]);
      }
    }
  }
  throw store.error('ENOENT', `gfid ${gfid} is not on this brick`);
}
