import type { Fops, Xlator, XlatorDef } from '../../../fop/index.js';
import { defineOptions } from '../../../volume/options.js';
import { dirOps } from './dir-ops.js';
import { entryOps } from './entry-ops.js';
import { fdOps } from './fd-ops.js';
import { inodeOps } from './inode-ops.js';
import { lockOps } from './lock-ops.js';
import { LockTable } from './locks.js';
import { MemStore } from './store.js';
import { xattrOps } from './xattr-ops.js';

const DEFAULT_CAPACITY = 16 * 2 ** 30;

const options = defineOptions({
  capacity: { type: 'int', default: DEFAULT_CAPACITY, min: 0, doc: 'Bytes of file data the brick holds before ENOSPC.' },
});

/**
 * `storage/memory`: a complete brick kept in memory, the leaf that unit tests stack real
 * translators on. Implements every fop with Linux's errnos; see README.md.
 */
export const xlator: XlatorDef<typeof options> = {
  type: 'storage/memory',
  options,
  doc: 'An in-memory brick implementing every fop (for tests and scratch volumes).',
  create({ name, options: opts }): Xlator {
    const core = { name, store: new MemStore(name, opts.capacity ?? DEFAULT_CAPACITY), locks: new LockTable() };
    // Typed as the full Fops so the compiler rejects a leaf that misses a fop.
    const fops: Fops = {
      ...inodeOps(core), ...xattrOps(core), ...entryOps(core), ...fdOps(core), ...dirOps(core), ...lockOps(core),
    };
    return {
      fops,
      notify(event) {
        if (event.kind === 'client-disconnect') core.locks.dropClient(event.client, name);
      },
    };
  },
};
