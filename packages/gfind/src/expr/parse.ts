import { FsError } from 'glusterfs-core';
import type { Expr, FindQuery } from './ast.js';
import { isNewerXY, primaryBuilder, REFUSED, type ParseEnv, type ParseState } from './primaries.js';

export type { ParseEnv } from './primaries.js';

/** True when an argument starts the expression rather than naming a path (find's rule). */
function looksLikeExpression(arg: string): boolean {
  return (arg.length > 1 && arg[0] === '-') || arg === '!' || arg === '(' || arg === ',';
}

const BINARY: Record<string, 'and' | 'or' | 'comma'> = { '-a': 'and', '-and': 'and', '-o': 'or', '-or': 'or', ',': 'comma' };

/**
 * Parses a find command line (everything after the program name, gfind's own flags removed)
 * into a {@link FindQuery}: start paths (default `/`), the expression with find's precedence
 * (`( )` > `!` > `-a` (implied) > `-o` > `,`), global options, output files, and `-print` added
 * when the expression has no action. Leading `-P` is accepted; `-H`/`-L` are refused (symlinks
 * are never followed on the bricks). Throws EINVAL carrying find's message for anything malformed
 * (`unknown predicate '-foo'`, `paths must precede expression: 'x'`, `missing argument to '-name'`
 * …), before anything is sent anywhere.
 */
export function parseFind(argv: string[], env: ParseEnv): FindQuery {
  try {
    return new Parser(argv, env).run();
  } catch (e) {
    if (e instanceof FsError) throw e;
    throw new FsError('EINVAL', e instanceof Error ? e.message : String(e));
  }
}

class Parser {
  #i = 0;
  readonly #st: ParseState;

  constructor(readonly argv: string[], env: ParseEnv) {
    this.#st = {
      env, regextype: 'findutils-default', dayStart: env.now - 86400, maxdepth: -1, mindepth: 0, depth: false,
      files: [], warnings: [], refs: [], hasAction: false,
    };
  }

  run(): FindQuery {
    const argv = this.argv;
    while (this.#i < argv.length && /^-[HLP]+$/.test(argv[this.#i])) {
      if (/[HL]/.test(argv[this.#i])) throw new Error(`${argv[this.#i]}: following symbolic links is not supported (gfind never follows them on the bricks)`);
      this.#i++;
    }
    if (argv[this.#i] === '--') this.#i++;
    const paths: string[] = [];
    while (this.#i < argv.length && !looksLikeExpression(argv[this.#i])) paths.push(argv[this.#i++]);
    let expr: Expr | undefined;
    if (this.#i < argv.length) {
      expr = this.#comma();
      if (this.#i < argv.length) {
        const t = argv[this.#i];
        throw new Error(t === ')' ? "invalid expression; you have too many ')'" : `paths must precede expression: '${t}'`);
      }
    }
    const st = this.#st;
    const print: Expr = { op: 'print', stream: 0, sep: '\n' };
    if (!expr) expr = print;
    else if (!st.hasAction) expr = { op: 'and', l: expr, r: print };
    return {
      paths: paths.length ? paths : ['/'], expr, maxdepth: st.maxdepth, mindepth: st.mindepth, depth: st.depth,
      files: st.files, now: st.env.now, warnings: st.warnings, refs: st.refs,
    };
  }

  #peek(): string | undefined {
    return this.argv[this.#i];
  }

  #comma(): Expr {
    let e = this.#or();
    while (this.#peek() === ',') {
      this.#i++;
      e = { op: 'comma', l: e, r: this.#operand(',', () => this.#or()) };
    }
    return e;
  }

  #or(): Expr {
    let e = this.#and();
    while (this.#peek() === '-o' || this.#peek() === '-or') {
      const op = this.argv[this.#i++];
      e = { op: 'or', l: e, r: this.#operand(op, () => this.#and()) };
    }
    return e;
  }

  #and(): Expr {
    let e = this.#not();
    for (;;) {
      const t = this.#peek();
      if (t === undefined || t === ')' || t === ',' || t === '-o' || t === '-or') return e;
      if (t === '-a' || t === '-and') {
        this.#i++;
        e = and(e, this.#operand(t, () => this.#not()));
      } else {
        e = and(e, this.#not());
      }
    }
  }

  /** The right operand of a binary operator (or of `!`), which must be there. */
  #operand(op: string, parse: () => Expr): Expr {
    const t = this.#peek();
    if (t === undefined || t === ')' || BINARY[t] !== undefined) throw new Error(`expected an expression after '${op}'`);
    return parse();
  }

  #not(): Expr {
    const t = this.#peek();
    if (t === '!' || t === '-not') {
      this.#i++;
      return { op: 'not', e: this.#operand(t, () => this.#not()) };
    }
    return this.#primary();
  }

  #primary(): Expr {
    const t = this.argv[this.#i++];
    if (t === '(') {
      if (this.#peek() === ')') throw new Error('invalid expression; empty parentheses are not allowed.');
      const e = this.#comma();
      if (this.argv[this.#i++] !== ')') throw new Error("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      return e;
    }
    if (BINARY[t] !== undefined) throw new Error(`invalid expression; you have used a binary operator '${t}' with nothing before it.`);
    if (t === ')') throw new Error("invalid expression; you have too many ')'");
    if (!looksLikeExpression(t)) throw new Error(`paths must precede expression: '${t}'`);
    if (REFUSED.has(t)) throw new Error(`${t} is not supported: gfind evaluates on the bricks, where it runs no commands and changes no files`);
    const build = primaryBuilder(t);
    if (!build) throw new Error(isNewerXY(t) ? `invalid predicate '${t}'` : `unknown predicate '${t}'`);
    return build(() => {
      if (this.#i >= this.argv.length) throw new Error(`missing argument to '${t}'`);
      return this.argv[this.#i++];
    }, this.#st, t);
  }
}

/** `l -a r`, dropping the `true` that options leave behind. */
function and(l: Expr, r: Expr): Expr {
  if (l.op === 'true') return r;
  if (r.op === 'true') return l;
  return { op: 'and', l, r };
}
