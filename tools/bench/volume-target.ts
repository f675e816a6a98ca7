import type { Volume } from 'glusterfs-core';
import type { IoTarget, PositionalFile } from './io-target.js';

/** An {@link IoTarget} on a mounted volume, through the client API (the libgfapi path). */
export function volumeTarget(name: string, vol: Volume): IoTarget {
  const wrap = async (p: string, flags: 'w' | 'r'): Promise<PositionalFile> => {
    const fh = await vol.open(p, flags);
    return {
      pwrite: async (data, pos) => { await fh.pwrite(data, pos); },
      pread: async (len, pos) => (await fh.pread(len, pos)) as Buffer,
      close: () => fh.close(),
    };
  };
  return {
    name,
    mkdir: (p) => vol.mkdir(p, { recursive: true }),
    writeFile: (p, d) => vol.writeFile(p, d),
    stat: async (p) => (await vol.stat(p)).size,
    readFile: (p) => vol.readFile(p),
    openWrite: (p) => wrap(p, 'w'),
    openRead: (p) => wrap(p, 'r'),
    close: () => vol.unmount(),
  };
}
