import { seededRandom } from 'glusterfs-core';
import { inParallel } from './parallel.js';

/** The few whole-file operations the self-heal workload needs, on our client API or a FUSE mount. */
export interface FileOps {
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: Buffer): Promise<void>;
  appendFile(path: string, data: Buffer): Promise<void>;
}

/** Shape of the self-heal workload. */
export interface HealFilesOptions {
  /** Files created before the brick goes down, then all modified while it is down. */
  files: number;
  /** Files created while the brick is down. */
  newFiles: number;
  dirs: number;
  concurrency: number;
  seed: number;
}

/**
 * The self-heal workload's files under `root`: `files` files of 1–4 KiB (seeded sizes) spread
 * over `dirs` directories; while a brick is down each of them is modified (even ones rewritten
 * with new contents of a new 1–4 KiB size, odd ones appended 0.5–1 KiB) and `newFiles` more of
 * 1–4 KiB are created. The same seed gives both systems byte-identical work.
 */
export function healFiles(root: string, o: HealFilesOptions) {
  const rand = seededRandom(o.seed);
  const size = () => 1024 + Math.floor(rand() * 3073);
  const pool = Buffer.alloc(16384);
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256);
  const first = Array.from({ length: o.files }, size);
  const second = Array.from({ length: o.files }, (_, i) => (i % 2 ? 512 + Math.floor(rand() * 513) : size()));
  const fresh = Array.from({ length: o.newFiles }, size);
  const bytes = (at: number, len: number) => pool.subarray(at % 8192, (at % 8192) + len);
  const path = (i: number) => `${root}/d${i % o.dirs}/f${i}`;
  const newPath = (i: number) => `${root}/d${i % o.dirs}/new${i}`;
  return {
    /** Creates the directories and the first generation of files. */
    async create(ops: FileOps): Promise<void> {
      for (let d = 0; d < o.dirs; d++) await ops.mkdir(`${root}/d${d}`);
      await inParallel(o.files, o.concurrency, (i) => ops.writeFile(path(i), bytes(i * 7, first[i])));
    },
    /** Rewrites or appends to every file of the first generation. */
    async modify(ops: FileOps): Promise<void> {
      await inParallel(o.files, o.concurrency, (i) => (i % 2
        ? ops.appendFile(path(i), bytes(i * 13 + 1, second[i]))
        : ops.writeFile(path(i), bytes(i * 13 + 1, second[i]))));
    },
    /** Creates the files that did not exist before the brick went down. */
    async createNew(ops: FileOps): Promise<void> {
      await inParallel(o.newFiles, o.concurrency, (i) => ops.writeFile(newPath(i), bytes(i * 11 + 3, fresh[i])));
    },
  };
}
