import { readdirSync, realpathSync } from 'node:fs';
import { FsError, type BrickContext } from 'glusterfs-core';
import { compileExpr, exprNeeds, startName, type EvalState } from '../expr/index.js';
import type { CrawlArgs, CrawlChunk, CrawlResult } from './args.js';
import { BrickEntry, SKIP } from './brick-entry.js';
import { Emitter } from './emitter.js';
import { linkFileMarks } from './link-marks.js';
import { direntType, locateStart } from './locate.js';

const MAX_ERRORS = 100;

/**
 * Walks every start path on this brick and evaluates the expression on each entry, find's
 * way: pre-order (post-order with -depth), -mindepth/-maxdepth, -prune, -quit. Symlinks are
 * never followed, `.glusterfs` at the brick root and DHT link files are skipped, and only
 * directory-owning bricks print directories. Output streams through `emit`.
 */
export function walkBrick(args: CrawlArgs, brick: BrickContext, emit: (chunk: CrawlChunk) => void): CrawlResult {
  const root = realpathSync(brick.path);
  const needs = exprNeeds(args.expr);
  const state: EvalState = { prune: false, quit: false, silent: false };
  const out = new Emitter(emit, args.sort, args.batchEntries, args.batchBytes);
  const pred = compileExpr(args.expr, {
    out, records: args.records, now: args.now, state,
    names: { users: new Map(args.users), groups: new Map(args.groups) },
  });
  const entry = new BrickEntry({
    root, host: (args.hosts[brick.subvolume] ?? 'localhost') + ':', exactTimes: needs.exactTimes,
    emptyDirs: new Set(args.emptyDirs), targets: args.targets,
  });
  const ownsDirs = args.dirOwners.includes(brick.subvolume);
  const linkFiles = linkFileMarks(root);
  const result: CrawlResult = { quit: false, visited: 0, errors: [] };
  const { maxdepth, mindepth, depth: postOrder } = args;

  /** Evaluates the entry under the cursor; false when it must not be descended into. */
  const visit = (): boolean => {
    result.visited++;
    if (entry.depth < mindepth) return true;
    state.prune = false;
    state.silent = entry.type === 'd' && !ownsDirs;
    try {
      pred(entry);
    } catch (e) {
      if (e === SKIP) return false;
      report(entry.path, e);
    }
    return postOrder || !state.prune;
  };

  const report = (path: string, e: unknown) => {
    if (result.errors.length < MAX_ERRORS) result.errors.push(`'${path}': ${describe(e)}`);
  };

  const walkDir = (real: string, shown: string, depth: number): void => {
    let ents;
    try {
      ents = readdirSync(real, { withFileTypes: true });
    } catch (e) {
      const code = FsError.from(e).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') report(shown, e);
      return;
    }
    const realDir = real === '/' ? '/' : real + '/';
    const shownDir = shown.endsWith('/') ? shown : shown + '/';
    const atRoot = real === root;
    const linkFree = linkFiles.noneIn(real);
    for (const d of ents) {
      const name = d.name;
      if (atRoot && name === '.glusterfs') continue;
      const type = direntType(d);
      entry.at(shownDir, realDir, name, type, depth, linkFree);
      const descend = type === 'd' && (maxdepth < 0 || depth < maxdepth);
      if (!postOrder && !visit()) continue;
      if (state.quit) return;
      if (descend) {
        walkDir(realDir + name, shownDir + name, depth + 1);
        if (state.quit) return;
        if (postOrder) entry.at(shownDir, realDir, name, type, depth, linkFree);
      }
      if (postOrder) {
        visit();
        if (state.quit) return;
      }
    }
  };

  for (const s of args.starts) {
    const found = locateStart(root, s.path);
    if (!found) continue;
    entry.atStart(s.shown, found.real, startName(s.shown), found.type);
    const descend = found.type === 'd' && maxdepth !== 0;
    if (!postOrder && !visit()) continue;
    if (state.quit) break;
    if (descend) walkDir(found.real, s.shown, 1);
    if (state.quit) break;
    if (postOrder) {
      entry.atStart(s.shown, found.real, startName(s.shown), found.type);
      visit();
      if (state.quit) break;
    }
  }
  out.flush(state.quit);
  result.quit = state.quit;
  return result;
}

function describe(e: unknown): string {
  const fe = FsError.from(e);
  const words: Record<string, string> = { EACCES: 'Permission denied', ELOOP: 'Too many levels of symbolic links', EIO: 'Input/output error' };
  return words[fe.code] ?? (fe.detail || fe.code);
}
