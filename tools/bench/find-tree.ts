import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom, type Volume } from 'glusterfs-core';
import { inParallel } from './parallel.js';

/** Where a tree is written: our volume through the client API, or a directory (a FUSE mount). */
export interface TreeSink {
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

/** A {@link TreeSink} writing through our client API. */
export const volumeSink = (vol: Volume): TreeSink => ({
  mkdir: (p) => vol.mkdir(p, { recursive: true }),
  writeFile: (p, d) => vol.writeFile(p, d),
});

/** A {@link TreeSink} writing under a local directory or a mount point, with Node's fs. */
export const dirSink = (root: string): TreeSink => ({
  mkdir: async (p) => { await mkdir(join(root, p), { recursive: true }); },
  writeFile: (p, d) => writeFile(join(root, p), d),
});

/** The gfind benchmark's tree: how many files, in how many directories, under which volume path. */
export interface FindTreeOptions {
  /** Volume path of the tree's top directory, e.g. `/gfind-tree`. */
  root: string;
  files: number;
  dirs: number;
  seed: number;
}

/**
 * `files` files of 1–4 KiB (seeded sizes) spread round-robin over `dirs` directories (at most
 * 676): `ROOT/dXY/fNNNNNN`. Directory names are letters, so `-name '*7*'` matches files only and
 * a walk of raw bricks (where every directory exists on every brick) counts what a volume view
 * counts. The same seed gives every system byte-identical trees, and the expected match counts
 * of the benchmark's expressions follow from the names and sizes alone.
 */
export function findTree(o: FindTreeOptions) {
  const rand = seededRandom(o.seed);
  const sizes = Array.from({ length: o.files }, () => 1024 + Math.floor(rand() * 3073));
  const pool = Buffer.alloc(8192);
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256);
  if (o.dirs > 676) throw new Error(`at most 676 directories (two letters), not ${o.dirs}`);
  const letter = (n: number) => String.fromCharCode(97 + n);
  const dir = (d: number) => `${o.root}/d${letter(Math.floor(d / 26))}${letter(d % 26)}`;
  const name = (i: number) => `f${String(i).padStart(6, '0')}`;
  return {
    dirPath: dir,
    path: (i: number) => `${dir(i % o.dirs)}/${name(i)}`,
    /** Writes the directories, then the files with `concurrency` in flight. */
    async write(sink: TreeSink, concurrency: number): Promise<void> {
      await sink.mkdir(o.root);
      await inParallel(o.dirs, Math.min(concurrency, 16), (d) => sink.mkdir(dir(d)));
      await inParallel(o.files, concurrency, (i) => sink.writeFile(`${dir(i % o.dirs)}/${name(i)}`, pool.subarray(i % 4096, (i % 4096) + sizes[i])));
    },
    /** Files (`-type f`). */
    expectedFiles: o.files,
    /** Files whose name has a 7 and that are larger than 2 KiB (`-name '*7*' -size +2k`: 1 KiB units, rounded up, > 2). */
    expectedSevenOver2k: sizes.filter((s, i) => name(i).includes('7') && Math.ceil(s / 1024) > 2).length,
  };
}
