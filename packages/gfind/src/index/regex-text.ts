import { FsError } from 'glusterfs-core';

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** `s` as a JS regex matching itself literally (valid in `u` mode). */
export function escapeRegex(s: string): string {
  return s.replace(REGEX_SYNTAX, '\\$&');
}

const CLASSES: Record<string, string> = {
  alpha: '\\p{L}', digit: '0-9', alnum: '\\p{L}0-9', upper: '\\p{Lu}', lower: '\\p{Ll}',
  space: '\\s', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: '\\x20-\\x7e\\u00a0-\\u{10ffff}',
  graph: '\\x21-\\x7e\\u00a1-\\u{10ffff}', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
};

/**
 * A POSIX bracket expression starting at `chars[start] === '['`, as a JS character class
 * (`u` mode): `]` first is literal, `[:class:]` names a class, a backslash is literal (POSIX
 * regex) or quotes (`globEscapes`, fnmatch). Null when the bracket never closes.
 */
export function parseBracket(chars: string[], start: number, globEscapes: boolean): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (chars[i] === '!' || chars[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && (chars[i + 1] === ':' || chars[i + 1] === '.' || chars[i + 1] === '=')) {
      const kind = chars[i + 1]!;
      const close = chars.indexOf(kind, i + 2);
      if (close > 0 && chars[close + 1] === ']') {
        const name = chars.slice(i + 2, close).join('');
        if (kind === ':') {
          const cls = CLASSES[name];
          if (!cls) throw new FsError('EINVAL', `invalid character class '[:${name}:]'`);
          body += cls;
        } else {
          body += escapeClassChar(name);
        }
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && globEscapes && i + 1 < chars.length) {
      body += escapeClassChar(chars[++i]!);
    } else if (c === '-' && body !== '' && chars[i + 1] !== ']') {
      body += '-';
    } else {
      body += escapeClassChar(c);
    }
  }
  return null;
}

function escapeClassChar(c: string): string {
  return /[\\\]\[^\-]/.test(c) ? '\\' + c : c;
}
