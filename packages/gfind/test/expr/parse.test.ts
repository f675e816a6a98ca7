import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from 'glusterfs-core';
import type { Expr } from '../../src/expr/ast.js';
import { parseFind, type ParseEnv } from '../../src/expr/parse.js';

const NOW = 1_700_000_000;
const ENV: ParseEnv = {
  now: NOW,
  user: (n) => ({ root: 0, alice: 1000 } as Record<string, number>)[n],
  group: (n) => ({ root: 0, staff: 50 } as Record<string, number>)[n],
  uids: () => [0, 1000],
  gids: () => [0, 50],
};
const parse = (line: string[]) => parseFind(line, ENV);
const PRINT: Expr = { op: 'print', stream: 0, sep: '\n' };
const name = (s: string): Expr => ({ op: 'name', m: { kind: 'lit', s } });
const withPrint = (e: Expr): Expr => ({ op: 'and', l: e, r: PRINT });

const t = suite('expr/parse');

// [argv, start paths, expression]
const TREES: [string[], string[], Expr][] = [
  [[], ['/'], PRINT],
  [['/a', 'b'], ['/a', 'b'], PRINT],
  [['-name', 'x'], ['/'], withPrint(name('x'))],
  [['/d', '-name', 'x', '-o', '-name', 'y'], ['/d'], withPrint({ op: 'or', l: name('x'), r: name('y') })],
  // -a binds tighter than -o, and is implied between primaries
  [['-name', 'a', '-name', 'b', '-o', '-name', 'c'], ['/'],
    withPrint({ op: 'or', l: { op: 'and', l: name('a'), r: name('b') }, r: name('c') })],
  [['-name', 'a', '-o', '-name', 'b', '-a', '-name', 'c'], ['/'],
    withPrint({ op: 'or', l: name('a'), r: { op: 'and', l: name('b'), r: name('c') } })],
  [['(', '-name', 'a', '-o', '-name', 'b', ')', '-name', 'c'], ['/'],
    withPrint({ op: 'and', l: { op: 'or', l: name('a'), r: name('b') }, r: name('c') })],
  [['!', '-name', 'a', '-name', 'b'], ['/'], withPrint({ op: 'and', l: { op: 'not', e: name('a') }, r: name('b') })],
  [['-not', '!', '-name', 'a'], ['/'], withPrint({ op: 'not', e: { op: 'not', e: name('a') } })],
  // the comma binds loosest
  [['-name', 'a', '-o', '-name', 'b', ',', '-name', 'c'], ['/'],
    withPrint({ op: 'comma', l: { op: 'or', l: name('a'), r: name('b') }, r: name('c') })],
  // an action anywhere turns the default -print off
  [['-name', 'a', '-prune', '-o', '-print'], ['/'],
    { op: 'or', l: { op: 'and', l: name('a'), r: { op: 'prune' } }, r: PRINT }],
  [['-name', 'a', '-prune'], ['/'], withPrint({ op: 'and', l: name('a'), r: { op: 'prune' } })],
  [['-name', 'a', '-quit'], ['/'], { op: 'and', l: name('a'), r: { op: 'quit' } }],
  [['-print0'], ['/'], { op: 'print', stream: 0, sep: '\0' }],
  // options are true and drop out of -a chains
  [['-maxdepth', '2', '-name', 'a'], ['/'], withPrint(name('a'))],
  [['-type', 'f,d'], ['/'], withPrint({ op: 'type', types: 'fd' })],
  [['-size', '+2k'], ['/'], withPrint({ op: 'size', cmp: 1, n: 2, unit: 1024 })],
  [['-size', '-3'], ['/'], withPrint({ op: 'size', cmp: -1, n: 3, unit: 512 })],
  [['-size', '10c'], ['/'], withPrint({ op: 'size', cmp: 0, n: 10, unit: 1 })],
  [['-user', 'alice'], ['/'], withPrint({ op: 'uid', cmp: 0, n: 1000 })],
  [['-user', '4242'], ['/'], withPrint({ op: 'uid', cmp: 0, n: 4242 })],
  [['-group', 'staff'], ['/'], withPrint({ op: 'gid', cmp: 0, n: 50 })],
  [['-uid', '+10'], ['/'], withPrint({ op: 'uid', cmp: 1, n: 10 })],
  [['-nouser'], ['/'], withPrint({ op: 'nouser', known: [0, 1000] })],
  [['-perm', '644'], ['/'], withPrint({ op: 'perm', kind: 'exact', mode: 0o644, dirMode: 0o644 })],
  [['-perm', '-u+w'], ['/'], withPrint({ op: 'perm', kind: 'all', mode: 0o200, dirMode: 0o200 })],
  [['-perm', '/a+x'], ['/'], withPrint({ op: 'perm', kind: 'any', mode: 0o111, dirMode: 0o111 })],
  [['-perm', 'u=rwx,g=rx,o='], ['/'], withPrint({ op: 'perm', kind: 'exact', mode: 0o750, dirMode: 0o750 })],
  [['-perm', '-a+X'], ['/'], withPrint({ op: 'perm', kind: 'all', mode: 0, dirMode: 0o111 })],
  [['-perm', '/u+s,g+s'], ['/'], withPrint({ op: 'perm', kind: 'any', mode: 0o6000, dirMode: 0o6000 })],
  [['-perm', '+t'], ['/'], withPrint({ op: 'perm', kind: 'exact', mode: 0o1000, dirMode: 0o1000 })],
  [['-xattr', 'user.tag=a=b'], ['/'], withPrint({ op: 'xattr', name: 'user.tag', value: 'a=b' })],
  [['-xattr', 'user.tag'], ['/'], withPrint({ op: 'xattr', name: 'user.tag' })],
  [['-gfid', '0123456789ABCDEF0123456789abcdef'], ['/'],
    withPrint({ op: 'gfid', gfid: '01234567-89ab-cdef-0123-456789abcdef' })],
  [['-inum', '18446744073709551615'], ['/'], withPrint({ op: 'inum', cmp: 0, n: '18446744073709551615' })],
  [['-newermt', '@1600000000'], ['/'], withPrint({ op: 'newer', field: 'm', ref: 1600000000 })],
  [['-newerct', '2020-01-02T03:04:05Z'], ['/'], withPrint({ op: 'newer', field: 'c', ref: Date.UTC(2020, 0, 2, 3, 4, 5) / 1000 })],
  [['-brick'], ['/'], { op: 'brick', stream: 0 }],
  [['-P', '/x', '-true'], ['/x'], withPrint({ op: 'true' })],
];

for (const [argv, paths, expr] of TREES) {
  t(`parses ${JSON.stringify(argv)}`, () => {
    const q = parse(argv);
    assert.equal(q.paths, paths);
    assert.equal(q.expr, expr);
  });
}

// find's time windows: "now - 1 day" is the origin of -Xtime, "now" of -Xmin; +/- invert.
const TIMES: [string[], Expr][] = [
  [['-mtime', '2'], { op: 'time', field: 'm', cmp: 0, ref: NOW - 86400 - 2 * 86400, window: 86400 }],
  [['-mtime', '+2'], { op: 'time', field: 'm', cmp: -1, ref: NOW - 86400 - 2 * 86400, window: 86400 }],
  [['-mtime', '-2'], { op: 'time', field: 'm', cmp: 1, ref: NOW - 1 - 2 * 86400, window: 86400 }],
  [['-amin', '5'], { op: 'time', field: 'a', cmp: 0, ref: NOW - 300, window: 60 }],
  [['-cmin', '-5'], { op: 'time', field: 'c', cmp: 1, ref: NOW - 300, window: 60 }],
  [['-mmin', '+1.5'], { op: 'time', field: 'm', cmp: -1, ref: NOW - 90, window: 60 }],
];
for (const [argv, expr] of TIMES) {
  t(`computes find's reference time for ${argv.join(' ')}`, () => assert.equal(parse(argv).expr, withPrint(expr)));
}

t('global options and output files are collected', () => {
  const q = parse(['/v', '-maxdepth', '3', '-mindepth', '1', '-depth', '-fprint', '/tmp/a', '-fprint0', '/tmp/b',
    '-fprintf', '/tmp/a', '%p', '-fprint', '/dev/stdout']);
  assert.is(q.maxdepth, 3);
  assert.is(q.mindepth, 1);
  assert.is(q.depth, true);
  assert.equal(q.files, ['/tmp/a', '/tmp/b']);
  const streams: number[] = [];
  const walk = (e: Expr): void => {
    if ('l' in e) { walk(e.l); walk(e.r); } else if ('stream' in e) streams.push(e.stream);
  };
  walk(q.expr);
  assert.equal(streams, [1, 2, 1, 0]);
});

t('reference files are listed for the client to stat', () => {
  const q = parse(['-newer', '/ref', '-o', '-samefile', '/s', '-o', '-neweram', '/r2']);
  assert.equal(q.refs.map((r) => [r.path, r.want, r.node.op]), [['/ref', 'm', 'newer'], ['/s', 'gfid', 'samefile'], ['/r2', 'm', 'newer']]);
  assert.is((q.refs[2].node as { field: string }).field, 'a');
});

t('-daystart moves the origin of later time tests to midnight', () => {
  const q = parse(['-daystart', '-mtime', '0']);
  const d = new Date(NOW * 1000);
  const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 1000;
  assert.equal(q.expr, withPrint({ op: 'time', field: 'm', cmp: 0, ref: midnight, window: 86400 }));
});

t('-printf compiles its format and keeps find\'s warnings', () => {
  const q = parse(['-printf', '%p %5s %-3m\\n\\q%Tk%z']);
  const e = q.expr as Extract<Expr, { op: 'printf' }>;
  assert.equal(e.fmt, [
    { d: 'p', flags: '', width: 0, prec: -1 }, { lit: ' ' }, { d: 's', flags: '', width: 5, prec: -1 }, { lit: ' ' },
    { d: 'm', flags: '-', width: 3, prec: -1 }, { lit: '\n\\q' }, { d: 'T', k: 'k', flags: '', width: 0, prec: -1 },
    { lit: '%z' },
  ]);
  assert.equal(q.warnings, ["warning: unrecognized escape `\\q'", "warning: unrecognized format directive `%z'"]);
});

// Malformed command lines: find's own words, and nothing else happens.
const ERRORS: [string[], string][] = [
  [['-foo'], "unknown predicate '-foo'"],
  [['-name', 'x', 'foo'], "paths must precede expression: 'foo'"],
  [['-name'], "missing argument to '-name'"],
  [['-o'], "invalid expression; you have used a binary operator '-o' with nothing before it."],
  [['-name', 'x', '-o'], "expected an expression after '-o'"],
  [['-name', 'x', '-a'], "expected an expression after '-a'"],
  [['-name', 'x', ','], "expected an expression after ','"],
  [['!'], "expected an expression after '!'"],
  [['-not'], "expected an expression after '-not'"],
  [['(', '-name', 'x'], "invalid expression; I was expecting to find a ')' somewhere but did not see one."],
  [['-name', 'x', ')'], "invalid expression; you have too many ')'"],
  [['(', ')'], 'invalid expression; empty parentheses are not allowed.'],
  [['-type', 'q'], 'Unknown argument to -type: q'],
  [['-type', 'f,'], "Last file type in list argument to -type is missing, i.e., list is ending on: ','"],
  [['-type', 'fd'], "Must separate multiple arguments to -type using: ','"],
  [['-size', '3x'], "invalid -size type 'x'"],
  [['-size', 'abc'], "Invalid argument 'abc' to -size"],
  [['-mtime', 'x'], "invalid argument 'x' to '-mtime'"],
  [['-links', '1.5'], "invalid argument '1.5' to '-links'"],
  [['-perm', '999'], "invalid mode '999'"],
  [['-perm', 'u+q'], "invalid mode 'u+q'"],
  [['-user', 'nosuchuser'], "'nosuchuser' is not the name of a known user"],
  [['-group', 'nosuchgroup'], "'nosuchgroup' is not the name of an existing group"],
  [['-newermt', 'garbage'], "I cannot figure out how to interpret 'garbage' as a date or time"],
  [['-newerXm', 'x'], "invalid predicate '-newerXm'"],
  [['-maxdepth', 'x'], "Expected a positive decimal integer argument to -maxdepth, but got 'x'"],
  [['-mindepth', '-1'], "Expected a positive decimal integer argument to -mindepth, but got '-1'"],
  [['-regextype', 'foo'], "Unknown regular expression type 'foo'; valid types are 'findutils-default', 'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', 'posix-basic', 'posix-egrep', 'egrep', 'posix-extended', 'posix-minimal-basic', 'sed'."],
  [['-regex', '['], "failed to compile regular expression '[': Unmatched [, [^, [:, [., or [="],
  [['-regextype', 'posix-extended', '-regex', 'a{1z'], "failed to compile regular expression 'a{1z': Invalid content of \\{\\}"],
  [['-regex', '\\(a'], "failed to compile regular expression '\\(a': Unmatched ( or \\("],
  [['-printf', '100%'], 'error: % at end of format string'],
  [['-gfid', 'xyz'], "invalid GFID 'xyz' (32 hex digits, dashes allowed)"],
  [['-exec', 'rm', '{}', ';'], '-exec is not supported: gfind evaluates on the bricks, where it runs no commands and changes no files'],
  [['-delete'], '-delete is not supported: gfind evaluates on the bricks, where it runs no commands and changes no files'],
  [['-L', '/'], '-L: following symbolic links is not supported (gfind never follows them on the bricks)'],
];

for (const [argv, message] of ERRORS) {
  t(`refuses ${JSON.stringify(argv)} with find's message`, () => {
    try {
      parse(argv);
    } catch (e) {
      assert.instance(e, FsError);
      assert.is((e as FsError).code, 'EINVAL');
      assert.is((e as FsError).detail, message);
      return;
    }
    assert.unreachable('parsed');
  });
}

t.run();
