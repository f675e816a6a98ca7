import { FsError } from 'glusterfs-core';
import { escapeRegex, parseBracket } from './regex-text.js';

/** POSIX basic (plocate -r) or extended (--regex) regular expressions, with GNU's extensions. */
export type RegexFlavor = 'bre' | 'ere';

/**
 * Translates a POSIX regex (GNU flavour, as glibc's regcomp) into JS source for a `su`
 * RegExp, unanchored like regexec, and lists literal runs every match must contain (empty when
 * the expression has alternation or groups, whose content may be optional). EINVAL for an
 * unbalanced bracket.
 *
 * BRE: `\( \) \{ \} \| \+ \?` are operators and their bare forms literal; `*` first (or after
 * `\(`, `^`, `\|`) is literal; `^` anchors only first, `$` only last. ERE: the usual operators.
 * Both: a backslash inside a bracket is literal; `\< \> \b \B \w \W \s \S \` \'` as in GNU.
 */
export function posixToJs(pattern: string, flavor: RegexFlavor): { source: string; literals: string[] } {
  const chars = [...pattern];
  const ere = flavor === 'ere';
  let source = '';
  const literals: string[] = [];
  let run = '';
  let narrowable = true;
  let atStart = true; // where `*` is literal in a BRE and `^` is an anchor
  const endRun = () => {
    if (run) literals.push(run);
    run = '';
  };
  const literal = (c: string) => {
    source += escapeRegex(c);
    run += c;
    atStart = false;
  };
  const operator = (js: string) => {
    endRun();
    source += js;
    atStart = false;
  };
  // A quantifier makes the character before it optional (or repeated): drop it from the run.
  const quantify = (js: string, keepsOne: boolean) => {
    const last = run.slice(-1);
    run = run.slice(0, -1);
    endRun();
    if (keepsOne && last) literals.push(last);
    source += js;
    atStart = false;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      const n = chars[++i]!;
      const op = ere ? undefined : breOperator(n);
      if (op === '(' || op === ')' || op === '|') {
        narrowable = false;
        endRun();
        source += op;
        atStart = op !== ')';
      } else if (op === '{') {
        const close = chars.indexOf('}', i);
        if (close < 0 || chars[close - 1] !== '\\') throw new FsError('EINVAL', `invalid pattern '${pattern}': unmatched \\{`);
        quantify(`{${chars.slice(i + 1, close - 1).join('')}}`, false);
        i = close;
      } else if (op === '+' || op === '?') {
        quantify(op, op === '+');
      } else {
        const gnu = GNU_ESCAPES[n];
        if (gnu) operator(gnu);
        else if (/[1-9]/.test(n)) {
          narrowable = false;
          operator(`\\${n}`);
        } else literal(n);
      }
    } else if (c === '[') {
      const b = parseBracket(chars, i, false);
      if (!b) throw new FsError('EINVAL', `invalid pattern '${pattern}': unmatched [`);
      operator(b.source);
      i = b.end;
    } else if (c === '.') {
      operator('[^]');
    } else if (c === '*') {
      if (!ere && atStart) literal(c);
      else quantify('*', false);
    } else if (c === '^' && (ere || atStart)) {
      operator('^');
      atStart = true;
    } else if (c === '$' && (ere || i === chars.length - 1 || (chars[i + 1] === '\\' && /[)|]/.test(chars[i + 2] ?? '')))) {
      operator('$');
    } else if (ere && (c === '+' || c === '?')) {
      quantify(c, c === '+');
    } else if (ere && c === '{' && /^\{\d*(,\d*)?\}/.test(chars.slice(i, i + 12).join(''))) {
      const close = chars.indexOf('}', i);
      quantify(chars.slice(i, close + 1).join(''), false);
      i = close;
    } else if (ere && (c === '(' || c === ')' || c === '|')) {
      narrowable = false;
      endRun();
      source += c;
      atStart = c !== ')';
    } else {
      literal(c);
    }
  }
  endRun();
  try {
    new RegExp(source, 'su');
  } catch (e) {
    throw new FsError('EINVAL', `invalid pattern '${pattern}': ${(e as Error).message.replace(/^Invalid regular expression: (?:\/.*\/[a-z]*: )?/s, '')}`);
  }
  return { source, literals: narrowable ? literals : [] };
}

function breOperator(n: string): string | undefined {
  return '(){}|+?'.includes(n) ? n : undefined;
}

const GNU_ESCAPES: Record<string, string> = {
  '<': '\\b(?=[\\p{L}\\p{N}_])', '>': '\\b(?<=[\\p{L}\\p{N}_])', b: '\\b', B: '\\B',
  w: '[\\p{L}\\p{N}_]', W: '[^\\p{L}\\p{N}_]', s: '\\s', S: '\\S', '`': '^', "'": '$',
};
