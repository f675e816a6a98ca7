import { redactGfids, type Volume } from 'glusterfs-core';

/** Turns error text into what a client may see. */
export type Redact = (text: string) => string;

/** Node's system-error text names the path it failed on: `ENAMETOOLONG: …, lstat '/srv/b1/x'` (and ` -> '…'`). */
const SYSCALL_PATH = /\b([a-z]+) '(\/[^']*)'(?: -> '(\/[^']*)')?/g;

/** The host directories of the volume's bricks, from its volfile (`protocol/client`'s `remote-subvolume`). */
export function brickRootsOf(volume: Volume | undefined): string[] {
  const roots = (volume?.volfile.nodes ?? [])
    .filter((n) => n.type === 'protocol/client' && typeof n.options['remote-subvolume'] === 'string')
    .map((n) => String(n.options['remote-subvolume']).replace(/\/+$/, ''))
    .filter((r) => r.length > 1);
  // Longest first, so /srv/b10 is matched before /srv/b1.
  return [...new Set(roots)].sort((a, b) => b.length - a.length);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The redaction every front end applies to error text, as defense in depth behind messages
 * that already name volume paths only: a path inside one of the volume's brick directories
 * reads as the volume path it stands for (`/srv/b1/a/x` → `/a/x`); any other absolute path a
 * system error quotes (`lstat '/…'`) becomes `<host path>`; GFID handle paths and GFIDs become
 * `<gfid handle>` and `<gfid>`. Volume paths in a message are left alone.
 */
export function redactorFor(volume?: Volume): Redact {
  const roots = brickRootsOf(volume);
  const rootRe = roots.length > 0 ? new RegExp(`(?:${roots.map(escape).join('|')})(?=/|$|[^A-Za-z0-9._-])`, 'g') : undefined;
  const underRoot = (p: string): string | undefined => {
    const r = roots.find((root) => p === root || p.startsWith(root + '/'));
    return r === undefined ? undefined : p.slice(r.length) || '/';
  };
  return (text) => {
    let out = text.replace(SYSCALL_PATH, (_m, call: string, from: string, to?: string) => {
      const show = (p: string) => `'${underRoot(p) ?? '<host path>'}'`;
      return `${call} ${show(from)}${to !== undefined ? ` -> ${show(to)}` : ''}`;
    });
    if (rootRe) out = out.replace(rootRe, (m: string, at: number, all: string) => (all[at + m.length] === '/' ? '' : '/'));
    return redactGfids(out);
  };
}
