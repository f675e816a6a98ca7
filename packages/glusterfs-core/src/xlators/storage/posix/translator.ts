import { FsError, hostPathRedactor } from '../../../errors/index.js';
import { FOP_NAMES, type Fops, type Xlator, type XlatorInit } from '../../../fop/index.js';
import type { OptionsOf } from '../../../volume/index.js';
import { openBrick, type Brick } from './brick.js';
import { checksumFops } from './checksum.js';
import { dirFops } from './dir-read.js';
import { entryFops } from './entry-ops.js';
import { closeAll } from './fd-state.js';
import { inodeReadFops } from './inode-read.js';
import { inodeWriteFops } from './inode-write.js';
import { openFops } from './open.js';
import type { POSIX_OPTIONS } from './options.js';
import { renameFops } from './rename.js';
import { xattrFops } from './xattr-ops.js';

/**
 * Opens the brick (see openBrick: refuses a missing root or another volume's brick) and
 * returns the leaf translator serving every fop on it. Any failure leaves as an FsError
 * naming this instance; Node's errno names pass through unchanged.
 */
export function createPosix(init: XlatorInit<OptionsOf<typeof POSIX_OPTIONS>>): Xlator {
  const { name, options, log } = init;
  const b = openBrick(name, options, log);
  const fops: Fops = {
    ...inodeReadFops(b),
    ...inodeWriteFops(b),
    ...openFops(b),
    ...entryFops(b),
    ...renameFops(b),
    ...dirFops(b),
    ...xattrFops(b),
    ...lockFops(b),
    ...checksumFops(b),
  };
  return {
    fops: guarded(b, fops),
    async close() {
      closeAll(b);
    },
  };
}

function lockFops(b: Brick): Pick<Fops, 'inodelk' | 'entrylk'> {
  const refuse = async (): Promise<never> => {
    throw new FsError('ENOSYS', 'locks are served by features/locks, which belongs above storage/posix', b.name);
  };
  return { inodelk: refuse, entrylk: refuse };
}

// One place that turns whatever a fop throws (Node's fs errors, napi errors already mapped)
// into an FsError carrying this translator's name, its text free of host paths and GFIDs: it
// travels to clients, who know the volume's paths, not where the brick keeps them.
function guarded(b: Brick, fops: Fops): Fops {
  const redact = hostPathRedactor(b.root, b.directory);
  const out: Record<string, unknown> = {};
  for (const fop of FOP_NAMES) {
    const f = fops[fop] as (...args: unknown[]) => Promise<unknown>;
    out[fop] = async (...args: unknown[]) => {
      try {
        return await f(...args);
      } catch (e) {
        const err = FsError.from(e, b.name);
        const detail = err.detail && redact(err.detail);
        // Routine failures (ENOENT from lookup) carry no text: keep them as cheap as they were.
        if (detail === err.detail && err.xlator) throw err;
        throw new FsError(err.code, detail || undefined, err.xlator ?? b.name);
      }
    };
  }
  return out as unknown as Fops;
}
