import { inoFromGfid } from 'glusterfs-core';
import type { Cmp, Expr } from './ast.js';
import type { Entry, Output } from './entry.js';
import { renderPrintf, type NameMaps } from './fields.js';
import { matcherFn } from './glob.js';
import { lsLine } from './ls.js';
import { compare } from './numbers.js';

/** Side effects of evaluating one entry, read by the walker afterwards. */
export interface EvalState {
  /** -prune was true: do not descend into this directory. */
  prune: boolean;
  /** -quit ran: stop the whole walk after this entry. */
  quit: boolean;
  /**
   * Evaluate without output: the brick walks a directory whose line another brick prints (every
   * brick has every directory), but its -prune must still count.
   */
  silent: boolean;
}

/** What compiled actions write to and with. */
export interface EvalContext {
  out: Output;
  /** -print/-print0/-ls to standard output become records (--json, --parquet, --arrow). */
  records: boolean;
  names: NameMaps;
  /** The query's start time (seconds), for -ls dates. */
  now: number;
  state: EvalState;
}

/** A compiled expression: true when the entry matches (actions run as a side effect). */
export type Predicate = (e: Entry) => boolean;

/**
 * Compiles a parsed expression (JSON from the client) into a predicate over entries, once per
 * query on each brick. Tests call the entry's lazy accessors only when they need them.
 */
export function compileExpr(expr: Expr, ctx: EvalContext): Predicate {
  const st = ctx.state;
  switch (expr.op) {
    case 'and': { const l = compileExpr(expr.l, ctx), r = compileExpr(expr.r, ctx); return (e) => l(e) && r(e); }
    case 'or': { const l = compileExpr(expr.l, ctx), r = compileExpr(expr.r, ctx); return (e) => l(e) || r(e); }
    case 'comma': { const l = compileExpr(expr.l, ctx), r = compileExpr(expr.r, ctx); return (e) => (l(e), r(e)); }
    case 'not': { const x = compileExpr(expr.e, ctx); return (e) => !x(e); }
    case 'true': return () => true;
    case 'false': return () => false;
    case 'name': { const m = matcherFn(expr.m); return (e) => m(e.name); }
    case 'path': { const m = matcherFn(expr.m); return (e) => m(e.path); }
    case 'lname': { const m = matcherFn(expr.m); return (e) => e.type === 'l' && m(e.linkTarget()); }
    case 'regex': { const re = new RegExp(expr.source, expr.flags); return (e) => re.test(e.path); }
    case 'type': { const t = expr.types; return (e) => t.includes(e.type); }
    case 'xtype': {
      // A dangling link (or a loop) fails stat, so find falls back to the link itself: type l.
      const t = expr.types;
      return (e) => { const y = e.targetType(); return t.includes(y === 'N' || y === 'L' ? 'l' : y); };
    }
    case 'size': {
      const { cmp, n, unit } = expr;
      return (e) => compare(Math.ceil(e.stat().size / unit), cmp, n);
    }
    case 'empty': return (e) => (e.type === 'f' ? e.stat().size === 0 : e.type === 'd' && e.emptyDir());
    case 'time': return timeTest(expr.field, expr.cmp, expr.ref, expr.window);
    case 'newer': { const { field, ref } = expr; return (e) => timeField(e, field) > ref; }
    case 'uid': { const { cmp, n } = expr; return (e) => compare(e.stat().uid, cmp, n); }
    case 'gid': { const { cmp, n } = expr; return (e) => compare(e.stat().gid, cmp, n); }
    case 'links': { const { cmp, n } = expr; return (e) => compare(e.stat().nlink, cmp, n); }
    case 'inum': {
      const n = BigInt(expr.n), cmp = expr.cmp;
      return (e) => { const i = inoFromGfid(e.gfid()); return cmp === 0 ? i === n : cmp > 0 ? i > n : i < n; };
    }
    case 'nouser': { const known = new Set(expr.known); return (e) => !known.has(e.stat().uid); }
    case 'nogroup': { const known = new Set(expr.known); return (e) => !known.has(e.stat().gid); }
    case 'perm': {
      const { kind, mode, dirMode } = expr;
      return (e) => {
        const m = e.stat().mode & 0o7777;
        const want = e.type === 'd' ? dirMode : mode;
        return kind === 'exact' ? m === want : kind === 'all' ? (m & want) === want : want === 0 || (m & want) !== 0;
      };
    }
    case 'samefile': case 'gfid': { const g = expr.gfid; return (e) => e.gfid() === g; }
    case 'xattr': {
      const { name } = expr;
      const want = expr.value === undefined ? undefined : Buffer.from(expr.value, 'utf8');
      return (e) => { const v = e.xattr(name); return v !== null && (want === undefined || want.equals(v)); };
    }
    case 'print': {
      const { stream, sep } = expr;
      const rec = ctx.records && stream === 0;
      return (e) => {
        if (st.silent || !ctx.out.visible(e)) return true;
        if (rec) ctx.out.record(e);
        else ctx.out.text(stream, e.path + sep, e);
        return true;
      };
    }
    case 'printf': {
      const { stream, fmt } = expr;
      return (e) => {
        if (!st.silent && ctx.out.visible(e)) ctx.out.text(stream, renderPrintf(fmt, e, ctx.names), e);
        return true;
      };
    }
    case 'ls': {
      const stream = expr.stream;
      const rec = ctx.records && stream === 0;
      return (e) => {
        if (st.silent || !ctx.out.visible(e)) return true;
        if (rec) ctx.out.record(e);
        else ctx.out.text(stream, lsLine(e, ctx.names, ctx.now), e);
        return true;
      };
    }
    case 'brick': {
      const stream = expr.stream;
      return (e) => {
        if (!st.silent && ctx.out.visible(e)) ctx.out.text(stream, e.location() + '\n', e);
        return true;
      };
    }
    case 'prune': return () => { st.prune = true; return true; };
    case 'quit': return (e) => { if (!st.silent && ctx.out.visible(e)) st.quit = true; return true; };
  }
}

function timeField(e: Entry, f: 'a' | 'c' | 'm'): number {
  const s = e.stat();
  return f === 'a' ? s.atime : f === 'c' ? s.ctime : s.mtime;
}

/**
 * find's pred_timewindow: `cmp` 1 "the time is after ref", -1 "before ref", 0 "within the
 * `window` seconds after ref" (the parser already inverted the user's +/-).
 */
function timeTest(field: 'a' | 'c' | 'm', cmp: Cmp, ref: number, window: number): Predicate {
  if (cmp > 0) return (e) => timeField(e, field) > ref;
  if (cmp < 0) return (e) => timeField(e, field) < ref;
  return (e) => {
    const delta = timeField(e, field) - ref;
    return delta > 0 && delta <= window;
  };
}

/** What a query's expression needs beyond directory entries, so the crawl can prepare it. */
export interface ExprNeeds {
  /** -empty: directories' emptiness across replica sets. */
  empty: boolean;
  /** -xtype / %Y: what symlinks point to. */
  targets: boolean;
  /** Times printed to the nanosecond (%t %T@ …): stat with bigint precision. */
  exactTimes: boolean;
  /** User or group names printed (%u %g -ls). */
  names: boolean;
}

/** Scans an expression for {@link ExprNeeds}. */
export function exprNeeds(expr: Expr): ExprNeeds {
  const n: ExprNeeds = { empty: false, targets: false, exactTimes: false, names: false };
  const visit = (x: Expr): void => {
    switch (x.op) {
      case 'and': case 'or': case 'comma': visit(x.l); visit(x.r); return;
      case 'not': visit(x.e); return;
      case 'empty': n.empty = true; return;
      case 'xtype': n.targets = true; return;
      case 'ls': n.names = true; return;
      case 'printf':
        for (const s of x.fmt) {
          if (!('d' in s)) continue;
          if (s.d === 'Y') n.targets = true;
          if (s.d === 'u' || s.d === 'g') n.names = true;
          if ('aActCT'.includes(s.d)) n.exactTimes = true;
        }
    }
  };
  visit(expr);
  return n;
}
