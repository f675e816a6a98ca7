import { FsError } from 'glusterfs-core';
import { globToJs } from './glob.js';
import { posixToJs, type RegexFlavor } from './posix-regex.js';
import { escapeRegex } from './regex-text.js';

/** How glocate reads its patterns, as plocate/mlocate do. */
export type PatternSyntax = 'locate' | RegexFlavor;

/** One pattern as the client sends it to the bricks. */
export interface PatternSpec {
  /** The pattern text. */
  text: string;
  /** `locate` (substring, or a glob when it has an unescaped `*`, `?` or `[`), `bre` (-r), `ere` (--regex). */
  syntax: PatternSyntax;
  /** -i: case-insensitive. */
  ignoreCase: boolean;
  /** -b: match the last path component only (the whole path is still printed). */
  basename: boolean;
}

/**
 * A compiled pattern: `test` decides a volume path, `literals` are substrings every match
 * must contain (in the text `test` looks at, hence also in the whole path), used to narrow the
 * candidates through the shard's trigram index. An empty `literals` means "no narrowing".
 */
export interface Matcher {
  readonly spec: PatternSpec;
  readonly literals: string[];
  /** True for a plain substring pattern without -b: `literals[0]` found anywhere is a match. */
  readonly plainSubstring: boolean;
  test(path: string): boolean;
  /** The same test on `heap[from, to)` without slicing it out, when that is cheaper. */
  readonly testRange?: (heap: string, from: number, to: number) => boolean;
}

const GLOB_META = /(?<!\\)(?:\\\\)*[*?[]/;

/**
 * Compiles a pattern once (the client does it to reject bad input before any brick is asked;
 * each brick does it again). EINVAL for a malformed regex or glob.
 */
export function compilePattern(spec: PatternSpec): Matcher {
  if (spec.syntax === 'bre' || spec.syntax === 'ere') {
    const { source, literals } = posixToJs(spec.text, spec.syntax);
    return regexMatcher(spec, source, literals);
  }
  if (hasGlobMeta(spec.text)) {
    const { source, literals } = globToJs(spec.text);
    return simpleGlob(spec, literals) ?? regexMatcher(spec, `^(?:${source})$`, literals);
  }
  const literal = spec.text.replace(/\\(.)/gsu, '$1');
  if (spec.ignoreCase) {
    return regexMatcher(spec, escapeRegex(literal), [literal]);
  }
  const base = spec.basename;
  return {
    spec,
    literals: [literal],
    plainSubstring: !base,
    test: base ? (p) => baseName(p).includes(literal) : (p) => p.includes(literal),
  };
}

/**
 * The commonest globs, `*.ext`, `prefix*` and `*part*` (case-sensitive), as string tests:
 * several times cheaper than a regex per candidate when a pattern matches a large share.
 */
function simpleGlob(spec: PatternSpec, literals: string[]): Matcher | null {
  const m = /^(\*?)([^*?[\\]+)(\*?)$/.exec(spec.text);
  if (spec.ignoreCase || !m || (!m[1] && !m[3])) return null;
  const lit = m[2]!;
  const text = spec.basename ? baseName : (p: string) => p;
  const test = m[1] && m[3] ? (p: string) => text(p).includes(lit)
    : m[1] ? (p: string) => text(p).endsWith(lit)
      : (p: string) => text(p).startsWith(lit);
  // Suffix and prefix tests need no copy of the path: they look at the heap in place.
  const testRange = spec.basename || (m[1] && m[3]) ? undefined
    : m[1] ? (heap: string, from: number, to: number) => to - from >= lit.length && heap.startsWith(lit, to - lit.length)
      : (heap: string, from: number, to: number) => to - from >= lit.length && heap.startsWith(lit, from);
  return { spec, literals: literals.filter((l) => l.length > 0), plainSubstring: false, test, testRange };
}

/** True when `text` has a glob metacharacter not escaped by a backslash. */
export function hasGlobMeta(text: string): boolean {
  return GLOB_META.test(text);
}

function regexMatcher(spec: PatternSpec, source: string, literals: string[]): Matcher {
  let re: RegExp;
  try {
    re = new RegExp(source, spec.ignoreCase ? 'isu' : 'su');
  } catch (e) {
    throw new FsError('EINVAL', `invalid pattern '${spec.text}': ${(e as Error).message.replace(/^Invalid regular expression: (?:\/.*\/[a-z]*: )?/s, '')}`);
  }
  const base = spec.basename;
  return {
    spec,
    literals: literals.filter((l) => l.length > 0),
    plainSubstring: false,
    test: base ? (p) => re.test(baseName(p)) : (p) => re.test(p),
  };
}

/** The last component of a volume path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lower case, as -i compares (JS's Unicode mapping; plocate uses the locale's). */
export function foldCase(s: string): string {
  return s.toLowerCase();
}
