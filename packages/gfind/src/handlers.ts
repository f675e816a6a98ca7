import type { TaskHandler } from 'glusterfs-core';
import { handlers as changes } from './changes/handlers.js';
import { handlers as crawl } from './crawl/handlers.js';
import { handlers as index } from './index/handlers.js';
import { handlers as triggers } from './triggers/handlers.js';

/**
 * Every brick task gfind offers: the crawl behind `gfind`, the glocate index shard, the change
 * feed behind `gfind changes`, and the trigger runner. Bricks load them through
 * `brick.task-modules` (gfind is in its default).
 */
export const handlers: TaskHandler[] = [...crawl, ...index, ...changes, ...triggers];
