import type { TaskHandler } from 'glusterfs-core';

/** The brick task handlers of this part of gfind (loaded by the brick's task service). */
export const handlers: TaskHandler[] = [];
