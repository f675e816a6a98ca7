import { FsError } from 'glusterfs-core';

/**
 * Compiles a trigger's `--match` glob into a test on volume paths (`/dir/name`):
 * - a glob without `/` is matched against the last name only, as `find -name` does
 *   (`*.csv` matches `/in/a.csv`);
 * - a glob with `/` is matched against the whole path (a leading `/` is implied):
 *   `/in/*.csv` matches `/in/a.csv` but not `/in/x/a.csv`; `/in/**` matches everything below `/in`;
 * - `*` is any run of characters except `/`, `?` one such character, `[abc]` `[a-z]` `[!a]`
 *   `[^a]` a class, `**` as a whole segment any number of directories, `\x` the character x;
 * - a leading dot is matched by wildcards (fnmatch without FNM_PERIOD, like find).
 * EINVAL for an unterminated `[` or a trailing `\`.
 */
export function compileGlob(glob: string): (path: string) => boolean {
  const whole = glob.includes('/');
  const pattern = whole && !glob.startsWith('/') ? `/${glob}` : glob;
  const re = new RegExp(`^${translate(pattern, glob)}$`, 's');
  if (whole) return (path) => re.test(path);
  return (path) => re.test(path.slice(path.lastIndexOf('/') + 1));
}

function translate(p: string, original: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*' && (i === 0 || p[i - 1] === '/')) {
        const end = i + 2;
        if (end === p.length) { out += '.*'; i++; continue; }
        if (p[end] === '/') { out += '(?:[^/]*/)*'; i += 2; continue; }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = classEnd(p, i);
      if (close < 0) throw new FsError('EINVAL', `--match ${JSON.stringify(original)}: '[' without its ']'`);
      out += classRe(p.slice(i + 1, close));
      i = close;
    } else if (c === '\\') {
      if (i + 1 >= p.length) throw new FsError('EINVAL', `--match ${JSON.stringify(original)}: '\\' at the end escapes nothing`);
      out += escapeRe(p[++i]!);
    } else {
      out += escapeRe(c);
    }
  }
  return out;
}

/** Index of the `]` closing the class opened at `open` (a `]` right after `[`, `[!` or `[^` is literal), or -1. */
function classEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return -1;
}

function classRe(body: string): string {
  let negate = false;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    body = body.slice(1);
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) out += classChar(body[++i]!);
    else if (c === '-' && out && i + 1 < body.length) out += '-';
    else out += classChar(c);
  }
  // A class never matches '/', as in a path glob.
  return negate ? `[^/${out}]` : `(?!/)[${out}]`;
}

/** `c` as a literal inside a regex class. */
function classChar(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
