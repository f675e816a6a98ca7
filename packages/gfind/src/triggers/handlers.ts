import type { BrickContext, TaskHandler } from 'glusterfs-core';
import { LOG_TASK } from './gather-log.js';
import { readAttempts } from './log.js';
import { TriggerRunner } from './runner.js';

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

// The resident thread runs one brick's handlers, so one runner per thread is one per brick.
let runner: TriggerRunner | undefined;

/**
 * `gtrigger.status`: resident; its start hook runs the brick's trigger runner for as long as the
 * brick runs. A call returns every trigger followed here with its pending and in-flight events.
 */
const runnerTask: TaskHandler = {
  name: 'gtrigger.status',
  resident: true,
  async start(brick: BrickContext): Promise<void> {
    runner?.stop();
    runner = new TriggerRunner(brick, (msg, fields) => {
      // The resident thread has no logger of its own; its stderr is the brick's log.
      process.stderr.write(`${new Date().toISOString()} W [gtrigger] ${msg} ${JSON.stringify({ brick: brick.path, ...fields })}\n`);
    });
    runner.start();
  },
  async stop(): Promise<void> {
    runner?.stop();
    runner = undefined;
  },
  async run(): Promise<unknown> {
    return runner?.status() ?? [];
  },
};

/** The brick task handlers of this part of gfind (loaded by the brick's task service). */
export const handlers: TaskHandler[] = [logTask, runnerTask];
