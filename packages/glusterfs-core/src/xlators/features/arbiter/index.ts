import { FsError } from '../../../errors/index.js';
import type { Fops, Xlator, XlatorDef } from '../../../fop/index.js';
import { defineOptions } from '../../../volume/index.js';

const options = defineOptions({});

/**
 * `features/arbiter`: the data filter of an arbiter brick, right above storage/posix. Writes
 * store nothing and answer the file's current attributes (its size stays 0 on disk); truncates
 * change nothing and answer the attributes; `read` and `rchecksum` raise ENOTSUP, since an
 * arbiter is never a data source. Entry, metadata and xattr fops pass through, so names,
 * ownership, modes and replication counters are kept. A write fails only when the child's
 * fstat does (EBADF), never for a data reason such as ENOSPC.
 */
export const xlator: XlatorDef<typeof options> = {
  type: 'features/arbiter',
  options,
  doc: 'On an arbiter brick: drops file data (write/truncate keep size 0, read/rchecksum ENOTSUP) while names and metadata pass through.',
  create({ name, children, emit }): Xlator {
    const child = children[0];
    if (!child || children.length !== 1) throw new FsError('EINVAL', `${name}: features/arbiter needs exactly one child`, name);
    const noData = async (): Promise<never> => {
      throw new FsError('ENOTSUP', 'an arbiter brick holds no file data', name);
    };
    const fops: Pick<Fops, 'write' | 'truncate' | 'ftruncate' | 'read' | 'rchecksum'> = {
      write: (ctx, fd) => child.fstat(ctx, fd),
      truncate: (ctx, loc) => child.stat(ctx, loc),
      ftruncate: (ctx, fd) => child.fstat(ctx, fd),
      read: noData,
      rchecksum: noData,
    };
    return {
      fops,
      // The brick server tells every translator about disconnects itself; the rest goes up.
      notify: (event) => {
        if (event.kind !== 'client-disconnect') emit(event);
      },
    };
  },
};
