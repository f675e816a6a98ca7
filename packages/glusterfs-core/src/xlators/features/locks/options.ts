import { defineOptions } from '../../../volume/index.js';

/** features/locks takes no options: lock state lives in memory and dies with the brick. */
export const LOCKS_OPTIONS = defineOptions({});
