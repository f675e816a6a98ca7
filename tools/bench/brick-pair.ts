import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Regular data files under a brick (brick-relative), skipping `.glusterfs` and DHT link files. */
function dataFiles(brick: string, rel = '', out = new Set<string>()): Set<string> {
  for (const e of readdirSync(join(brick, rel), { withFileTypes: true })) {
    const p = `${rel}/${e.name}`;
    if (rel === '' && e.name === '.glusterfs') continue;
    if (e.isDirectory()) dataFiles(brick, p, out);
    else if (e.isFile() && !isLinkFile(join(brick, p))) out.add(p);
  }
  return out;
}

function isLinkFile(path: string): boolean {
  const st = lstatSync(path);
  return st.size === 0 && (st.mode & 0o7777) === 0o1000;
}

/** How the two copies of a replica set compare after heal. */
export interface PairComparison {
  /** Data files on either brick. */
  files: number;
  /** Brick-relative paths missing on one brick or with different bytes. */
  differing: string[];
}

/** Compares, byte for byte, the data files of two bricks of one replica set. */
export function compareBrickPair(a: string, b: string): PairComparison {
  const onA = dataFiles(a), onB = dataFiles(b);
  const all = new Set([...onA, ...onB]);
  const differing = [...all].filter((p) => !onA.has(p) || !onB.has(p)
    || !readFileSync(join(a, p)).equals(readFileSync(join(b, p))));
  return { files: all.size, differing };
}
