import { byTime } from './coalesce.js';
import type { Change } from './types.js';

/**
 * Merges the changes each replica set reported into one feed, ordered by time:
 * - a directory lives on every set, so each set reports its NEW, RENAME, MODIFY or DELETE:
 *   identical changes (op, paths, GFID) are printed once, at the earliest time;
 * - a DHT link file shares its data file's GFID, so a set that only held a link file may
 *   report the link's removal as a DELETE of a name the data's set reports renamed: the
 *   RENAME wins.
 */
export function mergeChanges(perSet: readonly (readonly Change[])[]): Change[] {
  const unique = new Map<string, Change>();
  for (const changes of perSet) {
    for (const c of changes) {
      const key = [c.op, c.gfid, c.path, c.newPath ?? ''].join('\0');
      const seen = unique.get(key);
      if (!seen || byTime(c, seen) < 0) unique.set(key, c);
    }
  }
  const renamedFrom = new Set<string>();
  for (const c of unique.values()) if (c.op === 'RENAME') renamedFrom.add(c.gfid + '\0' + c.path);
  return [...unique.values()]
    .filter((c) => !(c.op === 'DELETE' && renamedFrom.has(c.gfid + '\0' + c.path)))
    .sort(byTime);
}
