import { FsError, type TaskHandler } from 'glusterfs-core';
import type { CrawlArgs } from './args.js';
import { prepassBrick } from './prepass.js';
import { walkBrick } from './walk.js';

/**
 * `gfind.crawl`: evaluates a parsed find expression over this brick's share of the volume
 * (`mode: 'walk'`, streaming {@link CrawlChunk}s, resolving to a {@link CrawlResult}), or
 * gathers what spans replica sets (`mode: 'prepass'`, resolving to a {@link Prepass}). Reads
 * only inside the brick; EINVAL for malformed args, EPERM for a start path that resolves
 * outside the brick.
 */
export const crawl: TaskHandler = {
  name: 'gfind.crawl',
  async run(args, brick, emit) {
    const a = args as CrawlArgs | null;
    if (!a || (a.mode !== 'walk' && a.mode !== 'prepass') || !Array.isArray(a.starts) || typeof a.expr !== 'object') {
      throw new FsError('EINVAL', 'gfind.crawl needs {mode, starts, expr, …} as built by gfind');
    }
    return a.mode === 'prepass' ? prepassBrick(a, brick) : walkBrick(a, brick, emit);
  },
};

/** The brick task handlers of this part of gfind (loaded by the brick's task service). */
export const handlers: TaskHandler[] = [crawl];
