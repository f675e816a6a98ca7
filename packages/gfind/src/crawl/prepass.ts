import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { FsError, type BrickContext } from 'glusterfs-core';
import { exprNeeds } from '../expr/index.js';
import type { CrawlArgs, Prepass } from './args.js';
import { locateStart } from './locate.js';

/**
 * What one brick can tell about the parts of the query that span replica sets: which
 * directories have no entry here (a directory is empty for the volume only when it is empty on
 * every set), and which symlinks it holds (the client stats them through the volume, which
 * follows them across replica sets, for -xtype and %Y).
 * Walks the same starts and depth limit as the query; collects only what the expression uses.
 */
export function prepassBrick(args: CrawlArgs, brick: BrickContext): Prepass {
  const root = realpathSync(brick.path);
  const needs = exprNeeds(args.expr);
  const out: Prepass = { empty: [], links: [] };
  const maxdepth = args.maxdepth;

  const walk = (real: string, depth: number): void => {
    let ents;
    try {
      ents = readdirSync(real, { withFileTypes: true });
    } catch (e) {
      const code = FsError.from(e).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return;
      throw FsError.from(e);
    }
    const atRoot = real === root;
    let seen = false;
    for (const d of ents) {
      if (atRoot && d.name === '.glusterfs') continue;
      const full = real + '/' + d.name;
      if (!seen) seen = !d.isFile() || !isLinkFile(full);
      if (d.isSymbolicLink() && needs.targets) out.links.push(volPath(root, full));
      if (d.isDirectory() && (maxdepth < 0 || depth < maxdepth)) walk(full, depth + 1);
    }
    if (!seen && needs.empty) out.empty.push(volPath(root, real));
  };

  for (const s of args.starts) {
    const found = locateStart(root, s.path);
    if (!found) continue;
    if (found.type === 'l' && needs.targets) out.links.push(volPath(root, found.real));
    if (found.type === 'd') walk(found.real, 1);
  }
  return out;
}

function volPath(root: string, real: string): string {
  return real.slice(root.length) || '/';
}

function isLinkFile(real: string): boolean {
  const st = lstatSync(real, { throwIfNoEntry: false });
  return st !== undefined && st.size === 0 && st.mode === 0o101000;
}
