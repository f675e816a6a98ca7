import { FsError, replicaSets, type Volume } from 'glusterfs-core';
import type { AttemptLogEntry } from './log.js';

/** Task that returns the tail of one trigger's log on a brick (see `handlers.ts`). */
export const LOG_TASK = 'gtrigger.log';

/** What one brick answered about a trigger's log. */
export interface BrickLog {
  /** The brick, `host:/path`. */
  brick: string;
  /** Its attempts, oldest first (absent when the brick could not be asked). */
  entries?: AttemptLogEntry[];
  /** Why it could not be asked (down, or the task failed). */
  error?: string;
}

/**
 * Reads the last `limit` attempts of trigger `trigger` from the log of EVERY brick of the
 * volume, not one per replica set: each event fires on the brick that recorded it first, so
 * the attempts of one replica set are spread over its bricks. A brick that is down is reported
 * with `error` (its part of the log is missing, not lost). Results in brick order.
 */
export async function gatherTriggerLog(vol: Volume, trigger: string, limit: number): Promise<BrickLog[]> {
  const nodes = new Map(vol.volfile.nodes.map((n) => [n.name, n]));
  return Promise.all(replicaSets(vol.volfile).flat().map(async (name): Promise<BrickLog> => {
    const o = nodes.get(name)?.options ?? {};
    const brick = `${String(o['remote-host'] ?? '?')}:${String(o['remote-subvolume'] ?? name)}`;
    const xl = vol.graph.xlators.get(name);
    if (!xl?.up || !xl.call) return { brick, error: `brick is down${xl?.downReason ? ` (${xl.downReason})` : ''}` };
    try {
      const entries = await xl.call('task', 'run', [LOG_TASK, { trigger, limit }]) as AttemptLogEntry[];
      return { brick, entries };
    } catch (e) {
      const fe = FsError.from(e);
      return { brick, error: `${fe.message.replace(/^(?:[A-Z]+: )+/, '')} (${fe.code})` };
    }
  }));
}
