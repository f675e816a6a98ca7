/** POSIX character classes as ASCII ranges (find in the C locale). */
const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
};

/** Where a bracket expression ended and the JS class it became. */
export interface Bracket {
  /** Index just past the closing `]`. */
  end: number;
  /** A JS character class (for a `u`-flag RegExp). */
  js: string;
}

/** How the two dialects differ inside brackets. */
export interface BracketSyntax {
  /** fnmatch: `\` escapes the next character; POSIX regex: it is literal. */
  backslashEscapes: boolean;
  /** `!` negates too (fnmatch). */
  bangNegates: boolean;
  /** `[:alpha:]` classes are understood (not in emacs regex syntax). */
  classes: boolean;
  /** A backward range like `z-a`: ignored (emacs) or an error (POSIX). */
  backwardRange: 'ignore' | 'error';
}

const hex = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/**
 * Parses the bracket expression starting at `pat[start] === '['`. Undefined when it is not
 * closed (the `[` is then an ordinary character). Throws a plain message for a backward range
 * when the syntax calls that an error, or for an unknown class name.
 */
export function parseBracket(pat: string, start: number, syn: BracketSyntax): Bracket | undefined {
  let j = start + 1;
  const ch = (k: number): string | undefined => (k < pat.length ? String.fromCodePoint(pat.codePointAt(k)!) : undefined);
  let negate = false;
  if (pat[j] === '^' || (syn.bangNegates && pat[j] === '!')) {
    negate = true;
    j++;
  }
  const items: string[] = [];
  for (let first = true; j < pat.length; first = false) {
    if (pat[j] === ']' && !first) {
      const js = items.length === 0 ? (negate ? '[^]' : '[]') : `[${negate ? '^' : ''}${items.join('')}]`;
      return { end: j + 1, js };
    }
    if (pat[j] === '[' && ':.='.includes(pat[j + 1] ?? 'x')) {
      const kind = pat[j + 1];
      const close = pat.indexOf(kind + ']', j + 2);
      if (close > 0) {
        const name = pat.slice(j + 2, close);
        if (kind === ':' && syn.classes) {
          const cls = CLASSES[name];
          if (cls === undefined) throw new Error(`invalid character class '${name}'`);
          items.push(cls);
          j = close + 2;
          continue;
        }
        if (kind !== ':' && [...name].length === 1) {
          items.push(hex(name));
          j = close + 2;
          continue;
        }
      }
    }
    let c = ch(j)!;
    if (c === '\\' && syn.backslashEscapes && j + 1 < pat.length) c = ch(++j)!;
    j += c.length;
    if (pat[j] === '-' && j + 1 < pat.length && pat[j + 1] !== ']') {
      let hi = ch(j + 1)!;
      j += 1 + hi.length;
      if (hi === '\\' && syn.backslashEscapes && j < pat.length) {
        hi = ch(j)!;
        j += hi.length;
      }
      if (hi.codePointAt(0)! < c.codePointAt(0)!) {
        if (syn.backwardRange === 'error') throw new Error('Invalid range end');
        continue;
      }
      items.push(`${hex(c)}-${hex(hi)}`);
      continue;
    }
    items.push(hex(c));
  }
  return undefined;
}
