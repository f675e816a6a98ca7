import { linkSync, lstatSync, mkdirSync, rmdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { CallCtx, Fops, Gfid, Loc } from '../../../fop/index.js';
import { gfidToBuffer, newGfid } from '../../../format/index.js';
import type { Brick } from './brick.js';
import { forgetName, gfidOf, parentGfidOf, readGfid, writeGfid } from './gfid.js';
import { addGfid2path, claimGfid, dropDirHandle, linkFileHandle, setDirHandle } from './handles.js';
import { lstatOrNull, toIatt } from './iatt.js';
import { chownNew, fixMode, newEntryMode } from './owner.js';
import { resolve, type Resolved } from './resolve.js';

type EntryFops = Pick<Fops, 'mkdir' | 'rmdir' | 'unlink' | 'symlink' | 'link'>;

/** The namespace fops that add or remove one name (rename and create live next door). */
export function entryFops(b: Brick): EntryFops {
  return {
    async mkdir(ctx, loc, asked) {
      const mode = newEntryMode(ctx, asked);
      const r = resolveNew(b, loc);
      const gfid = newEntryGfid(b, loc);
      const pgfid = parentGfidOf(b, r);
      mkdirSync(r.real, mode & 0o7777);
      try {
        writeGfid(r.real, gfid);
        chownNew(ctx, r.real);
        fixMode(lstatSync(r.real), mode, r.real);
        setDirHandle(b, gfid, pgfid, r.name);
      } catch (e) {
        undo(b, 'mkdir', () => rmdirSync(r.real));
        throw e;
      }
      return toIatt(lstatSync(r.real), gfid);
    },

    async rmdir(_ctx, loc) {
      const r = resolve(b, loc.path, 'write');
      if (r.real === b.root) throw new FsError('EBUSY', 'the brick root cannot be removed', b.name);
      const gfid = readGfid(b, r.real);
      rmdirSync(r.real);
      if (gfid) dropDirHandle(b, gfid);
    },

    async unlink(_ctx, loc) {
      const r = resolve(b, loc.path, 'write');
      const st = lstatOrNull(r.real);
      if (!st) throw new FsError('ENOENT', undefined, b.name);
      if (st.isDirectory()) throw new FsError('EISDIR', `${loc.path} is a directory`, b.name);
      const gfid = readGfid(b, r.real);
      unlinkSync(r.real);
      if (gfid) forgetName(b, gfid, st.ino, r);
    },

    async symlink(ctx, target, loc) {
      if (typeof target !== 'string' || target === '' || target.includes('\0')) {
        throw new FsError('EINVAL', 'a symlink target must be a non-empty string without NUL', b.name);
      }
      const r = resolveNew(b, loc);
      const gfid = newEntryGfid(b, loc);
      const pgfid = parentGfidOf(b, r);
      symlinkSync(target, r.real);
      finishNonDir(b, ctx, r, gfid, pgfid);
      return toIatt(lstatSync(r.real), gfid);
    },

    async link(_ctx, from, to) {
      const rf = resolve(b, from.path, 'write');
      const rt = resolveNew(b, to);
      const st = lstatOrNull(rf.real);
      if (!st) throw new FsError('ENOENT', undefined, b.name);
      if (st.isDirectory()) throw new FsError('EPERM', 'directories cannot be hard-linked', b.name);
      const gfid = gfidOf(b, rf, st);
      const pgfid = parentGfidOf(b, rt);
      linkSync(rf.real, rt.real);
      try {
        addGfid2path(b, rt.real, pgfid, rt.name);
      } catch (e) {
        undo(b, 'link', () => unlinkSync(rt.real));
        throw e;
      }
      return toIatt(lstatSync(rt.real), gfid);
    },
  };
}

/** Resolves the name a create-family fop makes; `/` always exists. */
export function resolveNew(b: Brick, loc: Loc): Resolved {
  const r = resolve(b, loc.path, 'write');
  if (r.real === b.root) throw new FsError('EEXIST', 'the root always exists', b.name);
  return r;
}

/**
 * The GFID a new entry gets: `loc.gfid` (validated, and claimed so no two live entries of this
 * brick share it) or a fresh one.
 */
export function newEntryGfid(b: Brick, loc: Loc): Gfid {
  if (!loc.gfid) return newGfid();
  gfidToBuffer(loc.gfid);
  claimGfid(b, loc.gfid);
  return loc.gfid;
}

/**
 * Gives a just-made non-directory its GFID, handle, gfid2path record and owner; on failure
 * the half-made entry is removed again, so a failed create leaves nothing behind.
 */
export function finishNonDir(b: Brick, ctx: CallCtx, r: Resolved, gfid: Gfid, pgfid: Gfid, os?: number): void {
  try {
    writeGfid(r.real, gfid);
    linkFileHandle(b, r.real, gfid);
    addGfid2path(b, r.real, pgfid, r.name);
    chownNew(ctx, os ?? r.real);
  } catch (e) {
    undo(b, 'create', () => {
      const st = lstatSync(r.real);
      unlinkSync(r.real);
      forgetName(b, gfid, st.ino, r);
    });
    throw e;
  }
}

// Rolling back after a failure: the original error is what the caller needs; a failing
// rollback is only worth a warning.
function undo(b: Brick, what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    b.log.warn(`could not roll back a failed ${what}`, { error: e });
  }
}
