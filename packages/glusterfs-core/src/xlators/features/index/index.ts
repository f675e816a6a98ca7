import type { XlatorDef } from '../../../fop/index.js';
import { INDEX_OPTIONS } from './options.js';
import { createIndex } from './translator.js';

/** `features/index`: brick-side index of GFIDs with pending replication counters, above features/locks. */
export const xlator: XlatorDef<typeof INDEX_OPTIONS> = {
  type: 'features/index',
  doc: 'Keeps the brick-side index of GFIDs whose trusted.afr.* counters are not all zero, so self-heal needs no crawl.',
  options: INDEX_OPTIONS,
  create: createIndex,
};
