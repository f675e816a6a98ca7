import { inoFromGfid } from 'glusterfs-core';
import type { Entry } from './entry.js';
import type { NameMaps } from './fields.js';
import { modeString } from './mode.js';
import { lsQuote } from './names.js';
import { lsDate } from './strftime.js';

/**
 * find's -ls line for an entry (`ls -dils` layout): volume inode, 1 KiB blocks, mode, links,
 * owner, group, size, modification date (`now` picks the recent or the old layout), path and,
 * for a symlink, ` -> target`.
 */
export function lsLine(e: Entry, names: NameMaps, now: number): string {
  const st = e.stat();
  const ino = String(inoFromGfid(e.gfid()));
  const user = names.users.get(st.uid) ?? String(st.uid);
  const group = names.groups.get(st.gid) ?? String(st.gid);
  const link = e.type === 'l' ? ` -> ${lsQuote(e.linkTarget())}` : '';
  return `${ino.padStart(9)} ${String(Math.ceil(st.blocks / 2)).padStart(6)} ${modeString(st.mode)} ` +
    `${String(st.nlink).padStart(3)} ${user.padEnd(8)} ${group.padEnd(8)} ${String(st.size).padStart(8)} ` +
    `${lsDate(st.mtime, now)} ${lsQuote(e.path)}${link}\n`;
}
