import { defineOptions } from '../../../volume/index.js';

/** Options of features/index, as a volfile names them. */
export const INDEX_OPTIONS = defineOptions({
  'index-base': {
    type: 'string',
    doc: 'Absolute directory holding the index (`<base>/xattrop/<gfid>`); unset keeps it in memory (tests).',
  },
});
