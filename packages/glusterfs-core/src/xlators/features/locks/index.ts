import type { XlatorDef } from '../../../fop/index.js';
import { LOCKS_OPTIONS } from './options.js';
import { createLocks } from './translator.js';

/** `features/locks`: brick-side inodelk/entrylk above storage/posix. */
export const xlator: XlatorDef<typeof LOCKS_OPTIONS> = {
  type: 'features/locks',
  doc: 'Brick-side inodelk (byte ranges per domain) and entrylk (names per directory), dropped when a client disconnects.',
  options: LOCKS_OPTIONS,
  create: createLocks,
};
