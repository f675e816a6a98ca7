const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };
const CLASS_SHIFT: Record<string, number> = { u: 6, g: 3, o: 0 };

/**
 * The mode bits `-perm MODE` compares against: octal, or chmod's symbolic form applied to 000
 * without a umask (as find does), once for a non-directory and once for a directory (`X`
 * differs). Undefined when MODE is not a valid mode.
 */
export function parsePermMode(text: string): { mode: number; dirMode: number } | undefined {
  if (/^[0-7]+$/.test(text)) {
    const mode = parseInt(text, 8);
    return mode > 0o7777 ? undefined : { mode, dirMode: mode };
  }
  const mode = applySymbolic(text, false);
  const dirMode = applySymbolic(text, true);
  return mode === undefined || dirMode === undefined ? undefined : { mode, dirMode };
}

function applySymbolic(text: string, isDir: boolean): number | undefined {
  let mode = 0;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === '' ? 'a' : m[1];
    const mask = [...who].reduce((acc, w) => acc | WHO[w], 0);
    for (const [, op, perms] of m[2].matchAll(/([-+=])([rwxXst]*|[ugo])/g)) {
      const bits = permBits(perms, who, mask, mode, isDir);
      if (op === '+') mode |= bits;
      else if (op === '-') mode &= ~bits;
      else mode = (mode & ~mask) | bits;
    }
  }
  return mode;
}

function permBits(perms: string, who: string, mask: number, current: number, isDir: boolean): number {
  if (perms.length === 1 && 'ugo'.includes(perms)) {
    // Copy another class's rwx bits into the named classes.
    const rwx = (current >> CLASS_SHIFT[perms]) & 7;
    return (rwx * 0o111) & mask & 0o777;
  }
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= 0o444;
    else if (p === 'w') bits |= 0o222;
    else if (p === 'x' || (p === 'X' && (isDir || (current & 0o111) !== 0))) bits |= 0o111;
    else if (p === 's') bits |= 0o6000;
    else if (p === 't') bits |= 0o1000;
  }
  // `s` only sets the bits of u (setuid) and g (setgid), `t` only with o or a.
  if (!who.includes('a') && !who.includes('o')) bits &= ~0o1000;
  return bits & mask;
}

const TYPE_CHAR: Record<number, string> = {
  0o140000: 's', 0o120000: 'l', 0o100000: '-', 0o060000: 'b', 0o040000: 'd', 0o020000: 'c', 0o010000: 'p',
};

/** `ls -l`'s ten-character mode string, e.g. `drwxr-xr-x`, `-rwsr-x--T`. */
export function modeString(mode: number): string {
  const t = TYPE_CHAR[mode & 0o170000] ?? '?';
  const r = (bit: number, c: string) => (mode & bit ? c : '-');
  const x = (xbit: number, special: number, on: string, off: string) =>
    mode & special ? (mode & xbit ? on : off) : mode & xbit ? 'x' : '-';
  return t +
    r(0o400, 'r') + r(0o200, 'w') + x(0o100, 0o4000, 's', 'S') +
    r(0o040, 'r') + r(0o020, 'w') + x(0o010, 0o2000, 's', 'S') +
    r(0o004, 'r') + r(0o002, 'w') + x(0o001, 0o1000, 't', 'T');
}

/** find's one-letter type of a mode (`f d l b c p s`, `U` when unknown): %y and -type. */
export function typeLetter(mode: number): string {
  const t = TYPE_CHAR[mode & 0o170000];
  return t === undefined ? 'U' : t === '-' ? 'f' : t;
}
