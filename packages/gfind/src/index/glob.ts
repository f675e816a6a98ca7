import { escapeRegex, parseBracket } from './regex-text.js';

/**
 * fnmatch(3) without FNM_PATHNAME or FNM_PERIOD, as mlocate/plocate match globs: `*` and `?`
 * cross `/`, `[...]` is a bracket expression (`!` or `^` negates), a backslash quotes the next
 * character. Returns the JS source and the literal runs between wildcards.
 */
export function globToJs(glob: string): { source: string; literals: string[] } {
  let source = '';
  const literals: string[] = [];
  let run = '';
  const endRun = () => {
    literals.push(run);
    run = '';
  };
  const chars = [...glob];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') {
      endRun();
      source += '[^]*';
    } else if (c === '?') {
      endRun();
      source += '[^]';
    } else if (c === '[') {
      const bracket = parseBracket(chars, i, true);
      if (bracket) {
        endRun();
        source += bracket.source;
        i = bracket.end;
      } else {
        run += c; // an unclosed `[` is an ordinary character, as in fnmatch
        source += '\\[';
      }
    } else {
      const lit = c === '\\' && i + 1 < chars.length ? chars[++i]! : c;
      run += lit;
      source += escapeRegex(lit);
    }
  }
  endRun();
  return { source, literals };
}
