import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './cluster.js';

/** Every xattr of every entry under a brick (`.glusterfs` aside), read with Debian's getfattr. */
export async function brickXattrs(brick: string): Promise<Map<string, Record<string, string>>> {
  const r = await run('getfattr', ['-R', '-P', '-d', '-m', '.', '-e', 'hex', '--absolute-names', brick], { node: false });
  if (r.code !== 0 && !r.stdout) throw new Error(`getfattr failed: ${r.stderr}`);
  const out = new Map<string, Record<string, string>>();
  let cur: Record<string, string> | undefined;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('# file: ')) {
      const p = line.slice(8);
      cur = p.includes('/.glusterfs') ? undefined : {};
      if (cur) out.set(p === brick ? '/' : p.slice(brick.length), cur);
    } else if (cur && line.includes('=')) {
      const i = line.indexOf('=');
      cur[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

/** A DHT link file: zero bytes, mode exactly ---------T. */
export function isLinkFile(path: string): boolean {
  const st = lstatSync(path);
  return st.isFile() && st.size === 0 && (st.mode & 0o7777) === 0o1000;
}

/** Regular data files (not link files) under a brick, as brick-relative paths. */
export function brickDataFiles(brick: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(brick, rel), { withFileTypes: true })) {
    if (rel === '' && e.name === '.glusterfs') continue;
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...brickDataFiles(brick, p));
    else if (e.isFile() && !isLinkFile(join(brick, p))) out.push(p);
  }
  return out;
}

/** The 16-byte GFID hex (no 0x) as a dashed UUID. */
export function gfidFromHex(hex: string): string {
  const h = hex.replace(/^0x/, '');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** [start, stop] of a `trusted.glusterfs.dht` value (4 × BE u32: commit, type, start, stop). */
export function layoutRange(hex: string): [number, number] {
  const b = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  return [b.readUInt32BE(8), b.readUInt32BE(12)];
}
