import { parseBracket, type BracketSyntax } from './bracket.js';
import { escapeRegExp } from './glob.js';

/** The -regextype names find accepts, in find's order (its error message lists them so). */
export const REGEX_TYPES = [
  'findutils-default', 'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', 'posix-basic', 'posix-egrep',
  'egrep', 'posix-extended', 'posix-minimal-basic', 'sed',
] as const;

/** How a GNU regex dialect spells its operators (the RE_SYNTAX_* bits that matter here). */
interface Syntax {
  /** Groups and alternation are `\(` `\)` `\|` (else `(` `)` `|`). */
  backslashGroups: boolean;
  /** `+`/`?`: unescaped operators ('plain'), `\+`/`\?` operators ('escaped'). */
  plusQm: 'plain' | 'escaped';
  /** Intervals: none, `\{m,n\}` or `{m,n}`. */
  intervals: 'none' | 'escaped' | 'plain';
  /** `^`/`$` are anchors anywhere (else only at the start/end of a branch or group). */
  anchorsAnywhere: boolean;
  /** `.` matches a newline. */
  dotNewline: boolean;
  bracket: BracketSyntax;
}

const EMACS_BRACKET: BracketSyntax = { backslashEscapes: false, bangNegates: false, classes: false, backwardRange: 'ignore' };
const POSIX_BRACKET: BracketSyntax = { backslashEscapes: false, bangNegates: false, classes: true, backwardRange: 'error' };
const EMACS: Syntax = {
  backslashGroups: true, plusQm: 'plain', intervals: 'none', anchorsAnywhere: false, dotNewline: false, bracket: EMACS_BRACKET,
};
const BASIC: Syntax = {
  backslashGroups: true, plusQm: 'escaped', intervals: 'escaped', anchorsAnywhere: false, dotNewline: true, bracket: POSIX_BRACKET,
};
const EXTENDED: Syntax = {
  backslashGroups: false, plusQm: 'plain', intervals: 'plain', anchorsAnywhere: true, dotNewline: true, bracket: POSIX_BRACKET,
};

function syntaxOf(type: string): Syntax {
  switch (type) {
    case 'findutils-default': return { ...EMACS, dotNewline: true };
    case 'emacs': return EMACS;
    case 'posix-basic': case 'posix-minimal-basic': case 'grep': case 'sed': case 'ed': return BASIC;
    default: return EXTENDED;
  }
}

/** Word characters of GNU regex's \\w, \\< … in a UTF-8 locale: letters, digits, underscore. */
const WORD = '\\p{L}\\p{N}_';

/** Thrown text of a regex that does not compile (glibc's wording). */
class RegexSyntaxError {
  constructor(readonly reason: string) {}
}

/**
 * Translates a GNU regular expression of dialect `type` (see {@link REGEX_TYPES}) into the
 * source of an equivalent JS RegExp (`u` flag) that must match the whole string, as find's
 * -regex does. Throws a message in find's words when the pattern does not compile.
 */
export function translateRegex(pattern: string, type: string, ci: boolean): { source: string; flags: string } {
  const syn = syntaxOf(type);
  let body: string;
  try {
    body = new Translator(pattern, syn).run();
    new RegExp(body, 'u');
  } catch (e) {
    const reason = e instanceof RegexSyntaxError ? e.reason : e instanceof Error ? e.message : String(e);
    throw new Error(`failed to compile regular expression '${pattern}': ${reason}`);
  }
  return { source: `^(?:${body})$`, flags: (syn.dotNewline ? 's' : '') + (ci ? 'i' : '') + 'u' };
}

class Translator {
  #i = 0;
  #groups = 0;
  #open = 0;
  constructor(readonly pat: string, readonly syn: Syntax) {}

  run(): string {
    const out = this.#alternation();
    if (this.#i < this.pat.length) throw new RegexSyntaxError('Unmatched ) or \\)');
    return out;
  }

  /** branch ('|' branch)* up to the end or a group close. */
  #alternation(): string {
    const branches = [this.#branch()];
    while (this.#isAlt()) {
      this.#i += this.syn.backslashGroups ? 2 : 1;
      branches.push(this.#branch());
    }
    return branches.join('|');
  }

  #isAlt(): boolean {
    const p = this.pat, i = this.#i;
    return this.syn.backslashGroups ? p[i] === '\\' && p[i + 1] === '|' : p[i] === '|';
  }

  #isClose(): boolean {
    const p = this.pat, i = this.#i;
    if (this.#open === 0) return false;
    return this.syn.backslashGroups ? p[i] === '\\' && p[i + 1] === ')' : p[i] === ')';
  }

  /** One branch: a sequence of quantified atoms. */
  #branch(): string {
    const pieces: { s: string; quantified: boolean; anchor: boolean }[] = [];
    const p = this.pat;
    while (this.#i < p.length && !this.#isAlt() && !this.#isClose()) {
      const q = this.#quantifier(pieces.length === 0 || pieces[pieces.length - 1].anchor);
      if (q !== undefined) {
        const last = pieces[pieces.length - 1];
        last.s = last.quantified ? `(?:${last.s})${q}` : last.s + q;
        last.quantified = true;
        continue;
      }
      const atStart = pieces.length === 0;
      pieces.push(this.#atom(atStart));
    }
    return pieces.map((x) => x.s).join('');
  }

  /** A quantifier at the cursor (consumed), or undefined. At a branch start they are literals. */
  #quantifier(atStart: boolean): string | undefined {
    const p = this.pat, i = this.#i, syn = this.syn;
    let q: string | undefined;
    let len = 1;
    if (p[i] === '*') q = '*';
    else if ((p[i] === '+' || p[i] === '?') && syn.plusQm === 'plain') q = p[i];
    else if (p[i] === '\\' && (p[i + 1] === '+' || p[i + 1] === '?') && syn.plusQm === 'escaped') { q = p[i + 1]; len = 2; }
    else if (syn.intervals === 'plain' && p[i] === '{') return atStart ? undefined : this.#interval(1, '}');
    else if (syn.intervals === 'escaped' && p[i] === '\\' && p[i + 1] === '{') return atStart ? undefined : this.#interval(2, '\\}');
    if (q === undefined) return undefined;
    if (atStart) {
      if (!syn.backslashGroups && syn.anchorsAnywhere && q !== '*') throw new RegexSyntaxError('Invalid preceding regular expression');
      return undefined;
    }
    this.#i += len;
    return q;
  }

  #interval(openLen: number, close: string): string {
    const start = this.#i + openLen;
    const end = this.pat.indexOf(close, start);
    const m = end < 0 ? null : /^(\d*)(?:(,)(\d*))?$/.exec(this.pat.slice(start, end));
    if (!m || (m[1] === '' && m[2] === undefined)) throw new RegexSyntaxError('Invalid content of \\{\\}');
    const lo = m[1] === '' ? 0 : Number(m[1]);
    if (m[3] && Number(m[3]) < lo) throw new RegexSyntaxError('Invalid content of \\{\\}');
    this.#i = end + close.length;
    return m[2] === undefined ? `{${lo}}` : `{${lo},${m[3] ?? ''}}`;
  }

  #atom(atStart: boolean): { s: string; quantified: boolean; anchor: boolean } {
    const p = this.pat, syn = this.syn;
    const c = p[this.#i];
    const plain = (s: string) => ({ s, quantified: false, anchor: false });
    if (c === '^' && (syn.anchorsAnywhere || atStart)) { this.#i++; return { s: '^', quantified: false, anchor: true }; }
    if (c === '$' && (syn.anchorsAnywhere || this.#atBranchEnd(this.#i + 1))) { this.#i++; return { s: '$', quantified: false, anchor: true }; }
    if (c === '.') { this.#i++; return plain(syn.dotNewline ? '.' : '[^\\n]'); }
    if (c === '[') {
      const b = parseBracket(p, this.#i, syn.bracket);
      if (!b) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
      this.#i = b.end;
      return plain(b.js);
    }
    if (!syn.backslashGroups && c === '(') return plain(this.#group(1));
    if (c === '\\') return this.#escape();
    const ch = String.fromCodePoint(p.codePointAt(this.#i)!);
    this.#i += ch.length;
    return plain(escapeRegExp(ch));
  }

  #atBranchEnd(at: number): boolean {
    const p = this.pat;
    if (at >= p.length) return true;
    if (this.syn.backslashGroups) return p[at] === '\\' && (p[at + 1] === ')' || p[at + 1] === '|');
    return p[at] === ')' || p[at] === '|';
  }

  #group(openLen: number): string {
    this.#i += openLen;
    this.#groups++;
    this.#open++;
    const inner = this.#alternation();
    if (!this.#isClose()) throw new RegexSyntaxError('Unmatched ( or \\(');
    this.#open--;
    this.#i += openLen;
    return `(${inner})`;
  }

  #escape(): { s: string; quantified: boolean; anchor: boolean } {
    const p = this.pat;
    const plain = (s: string) => ({ s, quantified: false, anchor: false });
    const n = p[this.#i + 1];
    if (n === undefined) throw new RegexSyntaxError('Trailing backslash');
    if (n === '(' && this.syn.backslashGroups) return plain(this.#group(2));
    this.#i += 2;
    switch (n) {
      case 'w': return plain(`[${WORD}]`);
      case 'W': return plain(`[^${WORD}]`);
      case 's': return plain('\\s');
      case 'S': return plain('\\S');
      case '<': return { s: `(?<![${WORD}])(?=[${WORD}])`, quantified: false, anchor: true };
      case '>': return { s: `(?<=[${WORD}])(?![${WORD}])`, quantified: false, anchor: true };
      case 'b': return { s: `(?:(?<![${WORD}])(?=[${WORD}])|(?<=[${WORD}])(?![${WORD}]))`, quantified: false, anchor: true };
      case 'B': return { s: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`, quantified: false, anchor: true };
      case '`': return { s: '^', quantified: false, anchor: true };
      case "'": return { s: '$', quantified: false, anchor: true };
    }
    if (n >= '1' && n <= '9') {
      if (Number(n) > this.#groups) throw new RegexSyntaxError('Invalid back reference');
      return plain(`\\${n}`);
    }
    const ch = String.fromCodePoint(p.codePointAt(this.#i - 1)!);
    this.#i += ch.length - 1;
    return plain(escapeRegExp(ch));
  }
}
