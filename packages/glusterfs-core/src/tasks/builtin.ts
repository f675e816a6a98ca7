import { du } from './du.js';
import type { TaskHandler } from './types.js';

/** Core's own task handlers, loaded in every brick's worker pool before any plugin module. */
export const handlers: TaskHandler[] = [du];
