import { chmodSync, chownSync, linkSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setAttributeSync } from '@napi-rs/xattr';
import { seededRandom, type Volume } from 'glusterfs-core';

/** One thing to create, as data, so the same tree can be built on a volume and in a local directory. */
export type TreeOp =
  | { kind: 'dir'; path: string }
  | { kind: 'file'; path: string; size: number; mode: number }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'link'; path: string; existing: string }
  | { kind: 'attr'; path: string; mode?: number; uid?: number; gid?: number; atime?: number; mtime?: number }
  | { kind: 'xattr'; path: string; name: string; value: string };

/** A generated tree: its ops in phase order, and facts the tests check gfind's own tests against. */
export interface Tree {
  /** Phases: every op of a phase may run concurrently; phases run in order. */
  phases: TreeOp[][];
  /** Entries (the root included). */
  entries: number;
  /** Paths carrying each user.tag value. */
  tagged: Map<string, string[]>;
  /** A file with a second hard link, and a file whose times were set (for -samefile, -newer). */
  linked: string;
  timed: string;
}

const SIZES = [0, 0, 0, 1, 7, 100, 511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 3000, 4096, 5000, 10_000, 70_000];
const FILE_MODES = [0o644, 0o644, 0o644, 0o644, 0o600, 0o640, 0o755, 0o700, 0o444, 0o664, 0o750];
const DIR_MODES = [0o755, 0o755, 0o700, 0o750, 0o775, 0o1777];
const OWNERS: [number, number][] = [[0, 0], [1000, 1000], [65534, 65534], [4242, 4343], [1000, 0]];
const EXTS = ['.txt', '.log', '.dat', '', '.TXT', '.tar.gz'];
const DAY = 86400;
/** How far back recent times lie: 10 minutes, 2 hours, 5 hours. */
const RECENT = [600, 7200, 18_000];

/**
 * A seeded tree of about `files` regular files under `root` (a relative name such as `t`):
 * nested directories (some empty, names with spaces and a newline), files of mixed sizes and
 * modes, owners and times on a share of them, relative symlinks (to files, to directories,
 * dangling), hard links across directories and user.* xattrs. Times are whole seconds in the
 * past relative to `now` (seconds), so both copies agree to the nanosecond.
 */
export function buildTree(root: string, files: number, seed: number, now: number): Tree {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const dirs: string[] = [root];
  const dirOps: TreeOp[] = [{ kind: 'dir', path: root }];
  const addDir = (path: string) => { dirs.push(path); dirOps.push({ kind: 'dir', path }); };
  for (let d = 0; d < 10; d++) {
    const top = `${root}/d${d}`;
    addDir(top);
    for (let s = 0; s < 10; s++) {
      const sub = `${top}/s${s}`;
      addDir(sub);
      if (rnd() < 0.3) for (let n = 0; n < 3; n++) addDir(`${sub}/n${n}`);
    }
  }
  addDir(`${root}/dir with space`);
  addDir(`${root}/nl\ndir`);
  const nonEmpty = [...dirs];
  const empties: string[] = [];
  for (let i = 0; i < 40; i++) {
    const e = `${pick(nonEmpty)}/empty-${i}`;
    empties.push(e);
    dirOps.push({ kind: 'dir', path: e });
  }

  const fileOps: TreeOp[] = [];
  const filePaths: string[] = [];
  for (let i = 0; i < files; i++) {
    const r = rnd();
    const name = r < 0.02 ? `file ${i} with space${pick(EXTS)}` : r < 0.03 ? `new\nline${i}` : r < 0.05 ? `.hidden${i}`
      : r < 0.06 ? `F${i}.Upper` : `f${i}${pick(EXTS)}`;
    const path = `${pick(nonEmpty)}/${name}`;
    filePaths.push(path);
    fileOps.push({ kind: 'file', path, size: rnd() < 0.85 ? pick(SIZES) : Math.floor(rnd() * 9000), mode: pick(FILE_MODES) });
  }

  const linkOps: TreeOp[] = [];
  for (let i = 0; i < 400; i++) {
    const dir = pick(nonEmpty);
    const depth = dir.split('/').length;
    const up = '../'.repeat(depth - 1);
    const r = rnd();
    const target = r < 0.5 ? up + pick(filePaths).split('/').slice(1).join('/') : r < 0.7 ? up + pick(nonEmpty).split('/').slice(1).join('/') || '.'
      : r < 0.9 ? `missing-${i}` : `sl-${(i + 1) % 400}`;
    linkOps.push({ kind: 'symlink', path: `${dir}/sl-${i}`, target });
  }
  const linkedFiles = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const existing = pick(filePaths);
    linkedFiles.add(existing);
    linkOps.push({ kind: 'link', path: `${pick(nonEmpty)}/hl-${i}`, existing });
  }

  const attrOps: TreeOp[] = [];
  const tagged = new Map<string, string[]>();
  let timed = '';
  for (const path of filePaths) {
    const a: Extract<TreeOp, { kind: 'attr' }> = { kind: 'attr', path };
    if (rnd() < 0.2) [a.uid, a.gid] = pick(OWNERS);
    if (rnd() < 0.45) {
      // Times sit half a day (or more) from any day or hour boundary a test uses, so the minutes
      // between building the tree and querying it cannot move an entry across one.
      const recent = rnd() < 0.2;
      const days = Math.floor(rnd() * 400);
      a.mtime = now - (recent ? pick(RECENT) : days * DAY + DAY / 2);
      a.atime = recent ? a.mtime : a.mtime + Math.floor(rnd() * (days + 1)) * DAY;
      if (!timed && !recent && days > 40 && days < 300 && !linkedFiles.has(path)) timed = path;
    }
    if (a.uid !== undefined || a.mtime !== undefined) attrOps.push(a);
    if (rnd() < 0.03) {
      const value = pick(['red', 'green', 'blue']);
      attrOps.push({ kind: 'xattr', path, name: 'user.tag', value });
      tagged.set(value, [...(tagged.get(value) ?? []), path]);
    }
  }
  // Directories last: creating entries changes a directory's times.
  const dirAttrOps: TreeOp[] = dirs.concat(empties).slice(1).map((path) => {
    const [uid, gid] = rnd() < 0.15 ? pick(OWNERS) : [0, 0];
    return { kind: 'attr', path, mode: pick(DIR_MODES), uid, gid, mtime: now - Math.floor(rnd() * 200) * DAY - 3600, atime: now };
  });
  return {
    phases: [
      ...byDepth(dirOps), fileOps, linkOps, attrOps, dirAttrOps,
    ],
    entries: dirOps.length + fileOps.length + linkOps.length,
    tagged,
    linked: [...linkedFiles][0],
    timed,
  };
}

/** Directory ops grouped by depth, parents first. */
function byDepth(ops: TreeOp[]): TreeOp[][] {
  const levels: TreeOp[][] = [];
  for (const op of ops) (levels[op.path.split('/').length - 1] ??= []).push(op);
  return levels.filter(Boolean);
}

/** Builds the tree under local directory `base` with synchronous calls (run as root for chown). */
export function buildLocal(tree: Tree, base: string): void {
  for (const phase of tree.phases) {
    for (const op of phase) {
      const p = join(base, op.path);
      switch (op.kind) {
        case 'dir': mkdirSync(p); break;
        case 'file': writeFileSync(p, 'x'.repeat(op.size)); chmodSync(p, op.mode); break;
        case 'symlink': symlinkSync(op.target, p); break;
        case 'link': linkSync(join(base, op.existing), p); break;
        case 'xattr': setAttributeSync(p, op.name, op.value); break;
        case 'attr':
          if (op.mode !== undefined) chmodSync(p, op.mode);
          if (op.uid !== undefined) chownSync(p, op.uid, op.gid ?? op.uid);
          if (op.mtime !== undefined) utimesSync(p, op.atime ?? op.mtime, op.mtime);
      }
    }
  }
}

/** Builds the tree on a volume (paths under `/`), `concurrency` calls in flight per phase. */
export async function buildOnVolume(tree: Tree, vol: Volume, concurrency = 256): Promise<void> {
  for (const phase of tree.phases) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, phase.length) }, async () => {
      for (let i = next++; i < phase.length; i = next++) await applyOp(vol, phase[i]);
    }));
  }
}

async function applyOp(vol: Volume, op: TreeOp): Promise<void> {
  const p = '/' + op.path;
  switch (op.kind) {
    case 'dir': return vol.mkdir(p);
    case 'file': return vol.writeFile(p, 'x'.repeat(op.size), { exclusive: true, mode: op.mode });
    case 'symlink': return vol.symlink(op.target, p);
    case 'link': return vol.link('/' + op.existing, p);
    case 'xattr': return vol.setxattr(p, op.name, op.value);
    case 'attr': {
      await vol.setattr(p, {
        mode: op.mode, uid: op.uid, gid: op.gid,
        mtimeMs: op.mtime === undefined ? undefined : op.mtime * 1000,
        atimeMs: op.mtime === undefined ? undefined : (op.atime ?? op.mtime) * 1000,
      });
    }
  }
}
