export type { TaskHandler, BrickContext } from './types.js';
export { createTaskService, type TaskService } from './service.js';
export { type DuArgs } from './du.js';
