import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IoTarget, PositionalFile } from './io-target.js';

/** An {@link IoTarget} on a local directory or a FUSE mount, through Node's fs. */
export function fsTarget(name: string, root: string): IoTarget {
  const at = (p: string) => join(root, p);
  const wrap = async (p: string, flags: string): Promise<PositionalFile> => {
    const fh = await open(at(p), flags);
    return {
      pwrite: async (data, pos) => { await fh.write(data, 0, data.length, pos); },
      pread: async (len, pos) => {
        const buf = Buffer.allocUnsafe(len);
        const { bytesRead } = await fh.read(buf, 0, len, pos);
        return buf.subarray(0, bytesRead);
      },
      close: () => fh.close(),
    };
  };
  return {
    name,
    mkdir: async (p) => { await mkdir(at(p), { recursive: true }); },
    writeFile: (p, d) => writeFile(at(p), d),
    stat: async (p) => (await stat(at(p))).size,
    readFile: (p) => readFile(at(p)),
    openWrite: (p) => wrap(p, 'w'),
    openRead: (p) => wrap(p, 'r'),
    close: async () => {},
  };
}
