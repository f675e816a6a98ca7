import { inoFromGfid } from 'glusterfs-core';
import type { Segment } from './ast.js';
import type { Entry, EntryStat } from './entry.js';
import { modeString } from './mode.js';
import { baseName, belowStart, leadingDirs } from './names.js';
import { ctimeString, strftimeLetter } from './strftime.js';

/** What rendering needs besides the entry: the client's account names. */
export interface NameMaps {
  users: Map<number, string>;
  groups: Map<number, string>;
}

type Field = 'a' | 'c' | 'm';

/** `[seconds, nanoseconds]` of one of the entry's times. */
export function timeOf(st: EntryStat, f: Field): [number, number] {
  const exact = f === 'a' ? st.atimeNs : f === 'c' ? st.ctimeNs : st.mtimeNs;
  if (exact) return exact;
  const t = f === 'a' ? st.atime : f === 'c' ? st.ctime : st.mtime;
  const sec = Math.floor(t);
  return [sec, Math.min(999_999_999, Math.round((t - sec) * 1e9))];
}

const TIME_OF: Record<string, Field> = { a: 'a', A: 'a', c: 'c', C: 'c', t: 'm', T: 'm' };

/** One -printf directive's text, before width and precision. */
function directive(seg: Extract<Segment, { d: string }>, e: Entry, names: NameMaps): string {
  switch (seg.d) {
    case 'p': return e.path;
    case 'P': return belowStart(e.path, e.start);
    case 'f': return baseName(e.path);
    case 'h': return leadingDirs(e.path);
    case 'H': return e.start;
    case 'd': return String(e.depth);
    case 'y': return e.type;
    case 'Y': return e.targetType();
    case 'l': return e.type === 'l' ? e.linkTarget() : '';
    case 'i': return String(inoFromGfid(e.gfid()));
    case 'F': return 'glusterfs';
    case 'Z': return '?';
  }
  const st = e.stat();
  switch (seg.d) {
    case 's': return String(st.size);
    case 'b': return String(st.blocks);
    case 'k': return String(Math.ceil(st.blocks / 2));
    case 'm': return (seg.flags.includes('#') ? '0' : '') + (st.mode & 0o7777).toString(8);
    case 'M': return modeString(st.mode);
    case 'n': return String(st.nlink);
    case 'u': return names.users.get(st.uid) ?? String(st.uid);
    case 'U': return String(st.uid);
    case 'g': return names.groups.get(st.gid) ?? String(st.gid);
    case 'G': return String(st.gid);
    case 'D': return String(st.dev);
    case 'S': return String(st.size === 0 ? 1 : (st.blocks * 512) / st.size);
    case 'a': case 'c': case 't': {
      const [sec, ns] = timeOf(st, TIME_OF[seg.d]);
      return ctimeString(sec, ns, true);
    }
    default: {
      const [sec, ns] = timeOf(st, TIME_OF[seg.d]);
      return strftimeLetter(seg.k!, sec, ns) ?? `%${seg.k}`;
    }
  }
}

/**
 * Renders a compiled -printf format for one entry. Width pads (left-justified with `-`),
 * precision truncates, `+` signs %d; `\c` ends the text there.
 */
export function renderPrintf(fmt: Segment[], e: Entry, names: NameMaps): string {
  let out = '';
  for (const seg of fmt) {
    if ('lit' in seg) {
      out += seg.lit;
      continue;
    }
    if ('stop' in seg) break;
    let s = directive(seg, e, names);
    if (seg.d === 'd' && seg.flags.includes('+')) s = '+' + s;
    if (seg.prec >= 0 && !'dsbknUGiD'.includes(seg.d)) s = s.slice(0, seg.prec);
    if (s.length < seg.width) s = seg.flags.includes('-') ? s.padEnd(seg.width) : s.padStart(seg.width);
    out += s;
  }
  return out;
}
