import { readFileSync } from 'node:fs';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../../fop/index.js';

const TYPE_CHAR: Record<number, string> = { [S_IFDIR]: 'd', [S_IFLNK]: 'l', [S_IFREG]: '-' };

/** `ls -l`'s mode column, e.g. `drwxr-xr-x`, `-rw-r--r--`, `---------T`. */
export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, on: string, off: string) =>
    (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (special ? (bits & 1 ? on : off) : bits & 1 ? 'x' : '-');
  return (TYPE_CHAR[mode & S_IFMT] ?? '?')
    + rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's', 'S')
    + rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's', 'S')
    + rwx(mode & 7, (mode & 0o1000) !== 0, 't', 'T');
}

/** Bytes in `df -h` style: `0`, `512`, `1.5K`, `23M`, `1.2G`. */
export function humanSize(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return String(bytes);
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[i];
}

/** `YYYY-MM-DD HH:MM` in local time, as `hdfs dfs -ls` prints it. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Lays rows out in columns: `align` 'r' right-aligns that column (numbers), the last is never padded. */
export function columns(rows: string[][], align: ('l' | 'r')[], sep = ' '): string[] {
  const widths = align.map((_a, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === r.length - 1 && align[i] !== 'r' ? cell
      : align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(sep));
}

/** Maps uids and gids to names from this machine's /etc/passwd and /etc/group, as `ls` does. */
export class Owners {
  readonly #users = readIds('/etc/passwd');
  readonly #groups = readIds('/etc/group');

  user(uid: number): string {
    return this.#users.get(uid) ?? String(uid);
  }

  group(gid: number): string {
    return this.#groups.get(gid) ?? String(gid);
  }
}

function readIds(file: string): Map<number, string> {
  const out = new Map<number, string>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out; // no such database here: numbers are shown, as ls does
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id && !out.has(Number(id))) out.set(Number(id), name);
  }
  return out;
}
