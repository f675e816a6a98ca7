import { lstatSync, type Stats } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import { ROOT_GFID, type Gfid } from '../../../fop/index.js';
import { XATTR, gfidFromBuffer, gfidToBuffer, newGfid } from '../../../format/index.js';
import type { Brick } from './brick.js';
import {
  addGfid2path, claimGfid, dropFileHandle, handleAbs, linkFileHandle, removeGfid2path, setDirHandle,
} from './handles.js';
import { getXattr, setXattr } from './xattr.js';

/**
 * An entry on the brick: its absolute path, its name, and its parent (absolute path, and the
 * parent's GFID when the caller already knows it, e.g. a readdir of an open directory).
 */
export interface EntryRef {
  readonly real: string;
  readonly name: string;
  readonly parentReal: string;
  readonly parentGfid?: Gfid;
}

/** The entry's `trusted.gfid`, or null when it has none. EIO when the value is not 16 bytes. */
export function readGfid(b: Brick, real: string): Gfid | null {
  const buf = getXattr(real, XATTR.GFID);
  if (!buf) return null;
  if (buf.length !== 16) throw new FsError('EIO', `corrupt ${XATTR.GFID} (${buf.length} bytes) on ${real}`, b.name);
  return gfidFromBuffer(buf);
}

/** Writes `trusted.gfid` (16 raw bytes). */
export function writeGfid(real: string, gfid: Gfid): void {
  setXattr(real, XATTR.GFID, gfidToBuffer(gfid));
}

/** The GFID of an entry's parent, healing a parent that has none. */
export function parentGfidOf(b: Brick, ref: EntryRef): Gfid {
  if (ref.parentGfid) return ref.parentGfid;
  if (ref.parentReal === b.root) return ROOT_GFID;
  return readGfid(b, ref.parentReal) ?? healDir(b, ref.parentReal);
}

/** The entry's GFID; an entry made behind the volume's back gets one (`want` if given). */
export function gfidOf(b: Brick, ref: EntryRef, st: Stats, want?: Gfid): Gfid {
  return readGfid(b, ref.real) ?? assignGfid(b, ref, st, want);
}

/**
 * Gives a GFID-less entry its identity: `trusted.gfid`, its handle, and for non-directories
 * the gfid2path record. Used by lookup-time heal (GlusterFS's posix_gfid_heal).
 */
export function assignGfid(b: Brick, ref: EntryRef, st: Stats, want?: Gfid): Gfid {
  const gfid = want ?? newGfid();
  const pgfid = parentGfidOf(b, ref);
  if (want) claimGfid(b, gfid);
  writeGfid(ref.real, gfid);
  if (st.isDirectory()) {
    setDirHandle(b, gfid, pgfid, ref.name);
  } else {
    linkFileHandle(b, ref.real, gfid);
    addGfid2path(b, ref.real, pgfid, ref.name);
  }
  b.log.info('assigned a gfid to an entry created outside the volume', { path: ref.real, gfid });
  return gfid;
}

function healDir(b: Brick, dirReal: string): Gfid {
  const cut = dirReal.lastIndexOf('/');
  const ref: EntryRef = { real: dirReal, name: dirReal.slice(cut + 1), parentReal: dirReal.slice(0, cut) };
  return assignGfid(b, ref, lstatSync(dirReal));
}

/**
 * Bookkeeping after one name (`ref`) of a non-directory went away (unlink, or replaced by
 * rename): the handle goes with the last name; otherwise only that name's gfid2path record is
 * dropped, through the handle, which still reaches the inode.
 */
export function forgetName(b: Brick, gfid: Gfid, ino: number, ref: EntryRef): void {
  if (dropFileHandle(b, gfid, ino)) removeGfid2path(b, handleAbs(b, gfid), parentGfidOf(b, ref), ref.name);
}
