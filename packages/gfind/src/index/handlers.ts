import { FsError, type BrickContext, type TaskHandler } from 'glusterfs-core';
import { BrickIndex } from './brick-index.js';
import { compilePattern, type PatternSpec } from './pattern.js';
import type { QueryArgs, QueryChunk, QueryResult } from './wire.js';

/** Matches streamed per chunk. */
const CHUNK = 5_000;

// The resident thread serves one brick; its index lives here between calls.
const indexes = new Map<string, BrickIndex>();

function indexOf(brick: BrickContext): BrickIndex {
  let ix = indexes.get(brick.path);
  if (!ix) {
    ix = new BrickIndex(brick.path);
    indexes.set(brick.path, ix);
    ix.start();
  }
  return ix;
}

/**
 * `glocate.query` {@link QueryArgs}: the brick's matches, streamed as {@link QueryChunk}s,
 * then a {@link QueryResult}. EAGAIN while the first build of the shard is still running
 * (`glocate.status` shows its progress); EINVAL for a bad pattern.
 */
const query: TaskHandler = {
  name: 'glocate.query',
  resident: true,
  async start(brick) {
    indexOf(brick);
  },
  async stop() {
    await Promise.all([...indexes.values()].map((ix) => ix.stop()));
  },
  async run(args, brick, emit) {
    const t0 = performance.now();
    const a = parseQuery(args);
    const ix = indexOf(brick);
    const shard = ix.shard;
    if (!shard) {
      const s = ix.status();
      if (s.state === 'failed') throw new FsError('EIO', `the glocate index of this brick failed: ${s.error}`);
      throw new FsError('EAGAIN', `the glocate index of this brick is being built (${s.crawl?.entries ?? 0} names so far)`);
    }
    const found = shard.query(a.patterns.map(compilePattern), { all: a.all, limit: a.limit });
    let files = 0;
    let chunk: QueryChunk = { paths: [], dirs: [] };
    for (let i = 0; i < found.paths.length; i++) {
      const dir = found.dirs[i]!;
      if (!dir) files++;
      if (a.countOnly && !dir) continue;
      chunk.paths.push(found.paths[i]!);
      chunk.dirs.push(dir ? 1 : 0);
      if (chunk.paths.length >= CHUNK) {
        emit(chunk);
        chunk = { paths: [], dirs: [] };
      }
    }
    if (chunk.paths.length) emit(chunk);
    const result: QueryResult = { matches: found.paths.length, files, entries: shard.size, ms: performance.now() - t0 };
    return result;
  },
};

/** `glocate.status`: the brick's {@link IndexStatus}. */
const status: TaskHandler = {
  name: 'glocate.status',
  resident: true,
  async run(_args, brick) {
    return { ...indexOf(brick).status(), brick: brick.path, subvolume: brick.subvolume };
  },
};

/** `glocate.update`: starts a fresh crawl of the brick (the old shard answers until it is done); returns its status. */
const update: TaskHandler = {
  name: 'glocate.update',
  resident: true,
  async run(_args, brick) {
    const ix = indexOf(brick);
    void ix.crawl('glocate --update');
    return { ...ix.status(), brick: brick.path, subvolume: brick.subvolume };
  },
};

function parseQuery(args: unknown): QueryArgs {
  const a = args as Partial<QueryArgs> | null;
  if (!a || !Array.isArray(a.patterns) || a.patterns.length === 0) {
    throw new FsError('EINVAL', 'glocate.query needs {patterns: [...], all}');
  }
  const patterns = a.patterns.map((p: Partial<PatternSpec>): PatternSpec => {
    if (typeof p?.text !== 'string' || !['locate', 'bre', 'ere'].includes(p.syntax as string)) {
      throw new FsError('EINVAL', 'a glocate pattern needs {text, syntax: locate|bre|ere}');
    }
    return { text: p.text, syntax: p.syntax!, ignoreCase: p.ignoreCase === true, basename: p.basename === true };
  });
  const limit = typeof a.limit === 'number' && a.limit >= 0 ? a.limit : undefined;
  return { patterns, all: a.all === true, limit, countOnly: a.countOnly === true };
}

/** The brick tasks of the glocate index. */
export const handlers: TaskHandler[] = [query, status, update];
