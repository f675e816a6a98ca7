import type { Segment } from './ast.js';

/** Directives -printf knows (besides `%%`); A, C and T take a time letter after them. */
const DIRECTIVES = new Set([...'aAbcCdDfFgGhHiklmMnpPsStTuUyYZ']);
const TIME_DIRECTIVES = new Set(['A', 'C', 'T']);
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * Compiles a -printf format into segments, as find reads it: backslash escapes (`\n \t \0 \NNN
 * \c` …), `%%`, and `%` directives with flags, width and precision. Unknown escapes and
 * directives are kept literally and reported in `warnings` (find's wording); a `%` at the very
 * end is an error (thrown as find's message).
 */
export function compilePrintf(fmt: string): { segments: Segment[]; warnings: string[] } {
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let lit = '';
  const flush = () => {
    if (lit) segments.push({ lit });
    lit = '';
  };
  for (let i = 0; i < fmt.length;) {
    const c = fmt[i];
    if (c === '\\') {
      const n = fmt[i + 1];
      if (n === undefined) {
        warnings.push("warning: escape `\\' followed by nothing at all");
        lit += '\\';
        i++;
      } else if (n === 'c') {
        flush();
        segments.push({ stop: true });
        i += 2;
      } else if (n >= '0' && n <= '7') {
        const m = /^[0-7]{1,3}/.exec(fmt.slice(i + 1))![0];
        lit += String.fromCharCode(parseInt(m, 8) & 0xff);
        i += 1 + m.length;
      } else if (ESCAPES[n] !== undefined) {
        lit += ESCAPES[n];
        i += 2;
      } else {
        warnings.push(`warning: unrecognized escape \`\\${n}'`);
        lit += '\\' + n;
        i += 2;
      }
      continue;
    }
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    if (i + 1 >= fmt.length) throw new Error('error: % at end of format string');
    if (fmt[i + 1] === '%') {
      lit += '%';
      i += 2;
      continue;
    }
    const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?/.exec(fmt.slice(i))!;
    const at = i + m[0].length;
    const d = fmt[at];
    if (d === undefined) throw new Error('error: % at end of format string');
    if (!DIRECTIVES.has(d)) {
      warnings.push(`warning: unrecognized format directive \`%${d}'`);
      lit += m[0] + d;
      i = at + 1;
      continue;
    }
    flush();
    const seg: Segment = { d, flags: m[1], width: m[2] ? Number(m[2]) : 0, prec: m[3] !== undefined ? Number(m[3] || '0') : -1 };
    i = at + 1;
    if (TIME_DIRECTIVES.has(d)) {
      if (i >= fmt.length) throw new Error(`error: missing time letter after %${d}`);
      seg.k = fmt[i++];
    }
    segments.push(seg);
  }
  flush();
  return { segments, warnings };
}
