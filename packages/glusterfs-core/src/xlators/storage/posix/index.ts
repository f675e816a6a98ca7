import type { XlatorDef } from '../../../fop/index.js';
import { POSIX_OPTIONS } from './options.js';
import { createPosix } from './translator.js';
export { gfidPathOnBrick } from './gfid-path.js';

/** `storage/posix`: the leaf of a brick graph, serving every fop on a local directory. */
export const xlator: XlatorDef<typeof POSIX_OPTIONS> = {
  type: 'storage/posix',
  doc: 'Brick storage: volume entries as plain files under a local directory, with GFIDs and .glusterfs handles.',
  options: POSIX_OPTIONS,
  create: createPosix,
};
