import type { BrickContext, TaskHandler } from 'glusterfs-core';
import { LOG_TASK } from './gather-log.js';
import { readAttempts } from './log.js';

/** Most attempts one `gtrigger.log` call returns from a brick. */
const MAX_LOG_ENTRIES = 10_000;

/** `gtrigger.log {trigger, limit}`: the last `limit` attempts in that trigger's log on this brick. */
const logTask: TaskHandler = {
  name: LOG_TASK,
  async run(args: unknown, brick: BrickContext): Promise<unknown> {
    const a = (args ?? {}) as { trigger?: unknown; limit?: unknown };
    const limit = typeof a.limit === 'number' && a.limit > 0 ? Math.min(a.limit, MAX_LOG_ENTRIES) : 100;
    return readAttempts(brick.path, String(a.trigger), limit);
  },
};

/** The brick task handlers of this part of gfind (loaded by the brick's task service). */
export const handlers: TaskHandler[] = [logTask];
