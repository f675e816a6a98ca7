import type { Cmp, Expr, RefFile, TimeField } from './ast.js';
import { parseDate } from './date.js';
import { compileGlob } from './glob.js';
import { parsePermMode } from './mode.js';
import { parseCmpFloat, parseCmpInt, parseSize } from './numbers.js';
import { compilePrintf } from './printf.js';
import { REGEX_TYPES, translateRegex } from './regex.js';

/** What the parser needs from the client's world: the time, and the account databases. */
export interface ParseEnv {
  /** Start time, seconds since the epoch. */
  now: number;
  /** uid of a user name (the client's /etc/passwd), undefined when unknown. */
  user(name: string): number | undefined;
  /** gid of a group name (the client's /etc/group). */
  group(name: string): number | undefined;
  /** Every uid / gid with a name (for -nouser / -nogroup). */
  uids(): number[];
  gids(): number[];
}

/** Parser state the primaries read and change (positional options, streams, refs). */
export interface ParseState {
  env: ParseEnv;
  regextype: string;
  /** Origin of -atime & co.: `now - 1 day`, or midnight with -daystart (find's cur_day_start). */
  dayStart: number;
  maxdepth: number;
  mindepth: number;
  depth: boolean;
  files: string[];
  warnings: string[];
  refs: RefFile[];
  /** Whether an action other than -prune was seen (no default -print then). */
  hasAction: boolean;
}

/** Takes the next argument of the primary being parsed (find's "missing argument" when none). */
export type TakeArg = () => string;

/** How one primary is built: from its arguments, into a node (options give `true`). */
type Builder = (take: TakeArg, st: ParseState, name: string) => Expr;

const DAY = 86400;
const TRUE: Expr = { op: 'true' };

/** Predicates find has that gfind refuses (they run commands or change files on the bricks). */
export const REFUSED = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fstype', '-readable', '-writable',
  '-executable', '-used', '-follow', '-context']);

function fail(message: string): never {
  throw new Error(message);
}

function cmpInt(text: string, name: string): { cmp: Cmp; n: number } {
  return parseCmpInt(text) ?? fail(`invalid argument '${text}' to '${name}'`);
}

function depthArg(text: string, name: string): number {
  if (!/^\d+$/.test(text)) fail(`Expected a positive decimal integer argument to ${name}, but got '${text}'`);
  return Number(text);
}

function stream(st: ParseState, file: string): number {
  if (file === '/dev/stdout') return 0;
  const at = st.files.indexOf(file);
  if (at >= 0) return at + 1;
  st.files.push(file);
  return st.files.length;
}

function action<T extends Expr>(st: ParseState, node: T): T {
  st.hasAction = true;
  return node;
}

function glob(ci: boolean, kind: 'name' | 'path' | 'lname'): Builder {
  return (take) => ({ op: kind, m: compileGlob(take(), ci) });
}

function regex(ci: boolean): Builder {
  return (take, st) => {
    const r = translateRegex(take(), st.regextype, ci);
    return { op: 'regex', source: r.source, flags: r.flags };
  };
}

function types(kind: 'type' | 'xtype'): Builder {
  return (take) => {
    const text = take();
    const letters = text.split(',');
    if (letters.at(-1) === '' && letters.length > 1) {
      fail(`Last file type in list argument to -${kind} is missing, i.e., list is ending on: ','`);
    }
    for (const l of letters) {
      if (l.length > 1) fail(`Must separate multiple arguments to -${kind} using: ','`);
      if (!'bcdpflsD'.includes(l) || l === '') fail(`Unknown argument to -${kind}: ${l}`);
    }
    return { op: kind, types: letters.join('') };
  };
}

/** -amin & co. (minutes from now) and -atime & co. (days from find's day origin), as find computes them. */
function time(field: TimeField, unit: 'min' | 'day'): Builder {
  return (take, st, name) => {
    const text = take();
    const c = parseCmpFloat(text) ?? fail(`invalid argument '${text}' to '${name}'`);
    let origin = unit === 'min' ? st.dayStart + DAY : st.dayStart;
    if (unit === 'day' && c.cmp < 0) origin += DAY - 1;
    const ref = origin - c.n * (unit === 'min' ? 60 : DAY);
    // find inverts the sense: "more than N ago" is "the time is before ref".
    return { op: 'time', field, cmp: (c.cmp === 0 ? 0 : -c.cmp) as Cmp, ref, window: unit === 'min' ? 60 : DAY };
  };
}

function newerFile(field: TimeField, want: TimeField): Builder {
  return (take, st) => {
    const node = { op: 'newer' as const, field, ref: 0 };
    st.refs.push({ path: take(), want, node });
    return node;
  };
}

function newerXY(name: string): Builder | undefined {
  const m = /^-newer([acmB])([acmBt])$/.exec(name);
  if (!m) return undefined;
  const [, x, y] = m;
  if (x === 'B' || y === 'B') return undefined;
  if (y !== 't') return newerFile(x as TimeField, y as TimeField);
  return (take, st) => {
    const text = take();
    const ref = parseDate(text, st.env.now) ?? fail(`I cannot figure out how to interpret '${text}' as a date or time`);
    return { op: 'newer', field: x as TimeField, ref };
  };
}

function idTest(kind: 'user' | 'group'): Builder {
  return (take, st) => {
    const name = take();
    const id = kind === 'user' ? st.env.user(name) : st.env.group(name);
    if (id !== undefined) return { op: kind === 'user' ? 'uid' : 'gid', cmp: 0, n: id };
    if (/^\d+$/.test(name)) return { op: kind === 'user' ? 'uid' : 'gid', cmp: 0, n: Number(name) };
    if (name === '') fail(`The argument to -${kind} should not be empty`);
    return fail(kind === 'user' ? `'${name}' is not the name of a known user` : `'${name}' is not the name of an existing group`);
  };
}

function perm(take: TakeArg): Expr {
  const text = take();
  const kind = text[0] === '-' ? 'all' : text[0] === '/' ? 'any' : 'exact';
  const m = parsePermMode(kind === 'exact' ? text : text.slice(1)) ?? fail(`invalid mode '${text}'`);
  return { op: 'perm', kind, mode: m.mode, dirMode: m.dirMode };
}

function printf(take: TakeArg, st: ParseState, file?: string): Expr {
  const c = compilePrintf(take());
  st.warnings.push(...c.warnings);
  return action(st, { op: 'printf', stream: file === undefined ? 0 : stream(st, file), fmt: c.segments });
}

function gfidArg(text: string): string {
  const hex = text.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) fail(`invalid GFID '${text}' (32 hex digits, dashes allowed)`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Every primary gfind understands, by name. Options evaluate to true, as in find. */
const PRIMARIES: Record<string, Builder> = {
  '-true': () => TRUE,
  '-false': () => ({ op: 'false' }),
  '-name': glob(false, 'name'),
  '-iname': glob(true, 'name'),
  '-path': glob(false, 'path'),
  '-ipath': glob(true, 'path'),
  '-wholename': glob(false, 'path'),
  '-iwholename': glob(true, 'path'),
  '-lname': glob(false, 'lname'),
  '-ilname': glob(true, 'lname'),
  '-regex': regex(false),
  '-iregex': regex(true),
  '-type': types('type'),
  '-xtype': types('xtype'),
  '-size': (take) => ({ op: 'size', ...parseSize(take()) }),
  '-empty': () => ({ op: 'empty' }),
  '-amin': time('a', 'min'),
  '-cmin': time('c', 'min'),
  '-mmin': time('m', 'min'),
  '-atime': time('a', 'day'),
  '-ctime': time('c', 'day'),
  '-mtime': time('m', 'day'),
  '-newer': newerFile('m', 'm'),
  '-anewer': newerFile('a', 'm'),
  '-cnewer': newerFile('c', 'm'),
  '-user': idTest('user'),
  '-group': idTest('group'),
  '-uid': (take, _st, name) => ({ op: 'uid', ...cmpInt(take(), name) }),
  '-gid': (take, _st, name) => ({ op: 'gid', ...cmpInt(take(), name) }),
  '-nouser': (_take, st) => ({ op: 'nouser', known: st.env.uids() }),
  '-nogroup': (_take, st) => ({ op: 'nogroup', known: st.env.gids() }),
  '-perm': perm,
  '-links': (take, _st, name) => ({ op: 'links', ...cmpInt(take(), name) }),
  '-inum': (take, _st, name) => {
    const text = take();
    const m = /^([+-]?)(\d+)$/.exec(text) ?? fail(`invalid argument '${text}' to '${name}'`);
    return { op: 'inum', cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: m[2] };
  },
  '-samefile': (take, st) => {
    const node = { op: 'samefile' as const, gfid: '' };
    st.refs.push({ path: take(), want: 'gfid', node });
    return node;
  },
  '-xattr': (take) => {
    const text = take();
    const eq = text.indexOf('=');
    return eq < 0 ? { op: 'xattr', name: text } : { op: 'xattr', name: text.slice(0, eq), value: text.slice(eq + 1) };
  },
  '-gfid': (take) => ({ op: 'gfid', gfid: gfidArg(take()) }),
  // actions
  '-print': (_take, st) => action(st, { op: 'print', stream: 0, sep: '\n' }),
  '-print0': (_take, st) => action(st, { op: 'print', stream: 0, sep: '\0' }),
  '-printf': (take, st) => printf(take, st),
  '-fprint': (take, st) => action(st, { op: 'print', stream: stream(st, take()), sep: '\n' }),
  '-fprint0': (take, st) => action(st, { op: 'print', stream: stream(st, take()), sep: '\0' }),
  '-fprintf': (take, st) => printf(take, st, take()),
  '-ls': (_take, st) => action(st, { op: 'ls', stream: 0 }),
  '-fls': (take, st) => action(st, { op: 'ls', stream: stream(st, take()) }),
  '-brick': (_take, st) => action(st, { op: 'brick', stream: 0 }),
  '-prune': () => ({ op: 'prune' }),
  '-quit': (_take, st) => action(st, { op: 'quit' }),
  // options: global (-maxdepth, -depth …) or positional (-daystart, -regextype); all are true
  '-maxdepth': (take, st, name) => { st.maxdepth = depthArg(take(), name); return TRUE; },
  '-mindepth': (take, st, name) => { st.mindepth = depthArg(take(), name); return TRUE; },
  '-depth': (_take, st) => { st.depth = true; return TRUE; },
  '-d': (_take, st) => { st.depth = true; return TRUE; },
  '-daystart': (_take, st) => {
    const d = new Date((st.env.now) * 1000);
    st.dayStart = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 1000;
    return TRUE;
  },
  '-regextype': (take, st) => {
    const t = take();
    if (!(REGEX_TYPES as readonly string[]).includes(t)) {
      fail(`Unknown regular expression type '${t}'; valid types are ${REGEX_TYPES.map((x) => `'${x}'`).join(', ')}.`);
    }
    st.regextype = t;
    return TRUE;
  },
  '-mount': () => TRUE,
  '-xdev': () => TRUE,
  '-noleaf': () => TRUE,
  '-ignore_readdir_race': () => TRUE,
  '-noignore_readdir_race': () => TRUE,
  '-warn': () => TRUE,
  '-nowarn': () => TRUE,
};

/** The builder of primary `name`, undefined when find has no such predicate. */
export function primaryBuilder(name: string): Builder | undefined {
  return Object.hasOwn(PRIMARIES, name) ? PRIMARIES[name] : newerXY(name);
}

/** Whether `name` is a -newerXY find knows but gfind cannot answer (birth times). */
export function isNewerXY(name: string): boolean {
  return /^-newer..$/.test(name);
}
