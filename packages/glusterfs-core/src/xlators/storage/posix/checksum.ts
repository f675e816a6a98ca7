import { setImmediate as nextTurn } from 'node:timers/promises';
import { FsError } from '../../../errors/index.js';
import { BlockHasher, type Fops, rchecksumArgsProblem } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { withFile } from './fd-state.js';
import { preadAll } from './io.js';

/** Bytes read and hashed per event-loop turn: one window keeps the loop busy ~2–3 ms. */
const WINDOW = 4 << 20;

/**
 * `rchecksum`: reads the range through the same path as `read`, one window at a time, and
 * hashes it into per-block digests (see `BlockHasher`); stops at end of file. Between windows
 * the event loop gets a turn, so other clients of the brick wait at most one window's hashing.
 * EINVAL (bad range), EBADF, EISDIR, plus whatever pread raises.
 */
export function checksumFops(b: Brick): Pick<Fops, 'rchecksum'> {
  return {
    async rchecksum(_ctx, fd, offset, length, blockSize) {
      const problem = rchecksumArgsProblem(offset, length, blockSize);
      if (problem) throw new FsError('EINVAL', problem, b.name);
      return withFile(b, fd, async (s) => {
        const hasher = new BlockHasher(blockSize);
        for (let at = 0; at < length;) {
          if (at > 0) await nextTurn();
          const want = Math.min(WINDOW, length - at);
          const data = await preadAll(b, s.os, want, offset + at);
          hasher.feed(data);
          at += data.length;
          if (data.length < want) break;
        }
        return hasher.finish();
      });
    },
  };
}
