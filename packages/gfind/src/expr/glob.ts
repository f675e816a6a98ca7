import type { Matcher } from './ast.js';
import { parseBracket, type BracketSyntax } from './bracket.js';

const FNMATCH: BracketSyntax = { backslashEscapes: true, bangNegates: true, classes: true, backwardRange: 'ignore' };
const SPECIAL = /[*?[\\]/;

/**
 * Compiles a shell pattern as find's -name/-path use it (fnmatch without FNM_PATHNAME or
 * FNM_PERIOD: `*` also matches `/` and a leading dot). `ci` for -iname/-ipath. Patterns made of
 * literal text and outer `*`s get string fast paths instead of a RegExp.
 */
export function compileGlob(pattern: string, ci: boolean): Matcher {
  if (!ci) {
    const fast = fastPath(pattern);
    if (fast) return fast;
  }
  let re = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === '*') {
      re += '.*';
      while (pattern[i] === '*') i++;
      continue;
    }
    if (c === '?') {
      re += '.';
      i++;
      continue;
    }
    if (c === '[') {
      const b = parseBracket(pattern, i, FNMATCH);
      if (b) {
        re += b.js;
        i = b.end;
        continue;
      }
    }
    let lit = String.fromCodePoint(pattern.codePointAt(i)!);
    if (c === '\\' && i + 1 < pattern.length) {
      i++;
      lit = String.fromCodePoint(pattern.codePointAt(i)!);
    }
    re += escapeRegExp(lit);
    i += lit.length;
  }
  return { kind: 're', source: `^(?:${re})$`, flags: ci ? 'isu' : 'su' };
}

function fastPath(pattern: string): Matcher | undefined {
  let lead = 0;
  while (pattern[lead] === '*') lead++;
  let trail = pattern.length;
  while (trail > lead && pattern[trail - 1] === '*') trail--;
  const core = pattern.slice(lead, trail);
  if (SPECIAL.test(core)) return undefined;
  const head = lead > 0;
  const tail = trail < pattern.length;
  if (core === '') return head ? { kind: 'any' } : { kind: 'lit', s: '' };
  if (head && tail) return { kind: 'contains', s: core };
  if (head) return { kind: 'suffix', s: core };
  if (tail) return { kind: 'prefix', s: core };
  return { kind: 'lit', s: core };
}

/** `s` with every RegExp syntax character escaped (valid under the `u` flag). */
export function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A test function for a compiled matcher. */
export function matcherFn(m: Matcher): (s: string) => boolean {
  switch (m.kind) {
    case 'any': return () => true;
    case 'lit': { const t = m.s; return (s) => s === t; }
    case 'prefix': { const t = m.s; return (s) => s.startsWith(t); }
    case 'suffix': { const t = m.s; return (s) => s.endsWith(t); }
    case 'contains': { const t = m.s; return (s) => s.includes(t); }
    case 're': { const re = new RegExp(m.source, m.flags); return (s) => re.test(s); }
  }
}
