import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePattern, type PatternSpec } from '../../src/index/pattern.js';
import { runStepsSync } from '../../src/index/segment.js';
import { Shard } from '../../src/index/shard.js';

const test = suite('index/shard');

const DIRS = ['/docs', '/docs/old', '/src', '/src/lib', '/Photos', '/Photos/2024', '/a b'];
const FILES = [
  '/docs/README.md', '/docs/old/readme.txt', '/docs/old/notes-2019.txt', '/src/main.c', '/src/main.h',
  '/src/lib/util.c', '/src/lib/util.test.c', '/Photos/2024/IMG_0001.JPG', '/Photos/2024/img_0002.jpg',
  '/a b/with space', '/a b/new\nline', '/src/lib/star*name', '/Photos/Été.png', '/x',
];

function shard(): Shard {
  return Shard.of([...DIRS.map((d): [string, boolean] => [d, true]), ...FILES.map((f): [string, boolean] => [f, false])]);
}

type Flags = Partial<Omit<PatternSpec, 'text'>> & { all?: boolean; limit?: number };

function find(s: Shard, patterns: string[], f: Flags = {}): string[] {
  const ms = patterns.map((text) => compilePattern({
    text, syntax: f.syntax ?? 'locate', ignoreCase: f.ignoreCase ?? false, basename: f.basename ?? false,
  }));
  return s.query(ms, { all: f.all ?? false, limit: f.limit }).paths;
}

const CASES: [string, string[], Flags, string[]][] = [
  ['substring', ['util'], {}, ['/src/lib/util.c', '/src/lib/util.test.c']],
  ['short substring scans the heap', ['.c'], {}, ['/src/lib/util.c', '/src/lib/util.test.c', '/src/main.c']],
  ['one-character substring', ['x'], {}, ['/docs/old/notes-2019.txt', '/docs/old/readme.txt', '/x']],
  ['substring is case-sensitive', ['readme'], {}, ['/docs/old/readme.txt']],
  ['-i substring', ['readme'], { ignoreCase: true }, ['/docs/README.md', '/docs/old/readme.txt']],
  ['-i short substring', ['jp'], { ignoreCase: true }, ['/Photos/2024/IMG_0001.JPG', '/Photos/2024/img_0002.jpg']],
  ['-i non-ASCII', ['été'], { ignoreCase: true }, ['/Photos/Été.png']],
  ['substring matches directories too', ['docs/old'], {}, ['/docs/old', '/docs/old/notes-2019.txt', '/docs/old/readme.txt']],
  ['glob matches the whole path', ['*.c'], {}, ['/src/lib/util.c', '/src/lib/util.test.c', '/src/main.c']],
  ['glob without leading * matches nothing under /', ['main.?'], {}, []],
  ['glob ? and class', ['/src/main.[ch]'], {}, ['/src/main.c', '/src/main.h']],
  ['glob negated class', ['/src/main.[!c]'], {}, ['/src/main.h']],
  ['glob * crosses /', ['/docs*txt'], {}, ['/docs/old/notes-2019.txt', '/docs/old/readme.txt']],
  ['escaped star is literal substring', ['star\\*'], {}, ['/src/lib/star*name']],
  ['-i glob', ['*.jpg'], { ignoreCase: true }, ['/Photos/2024/IMG_0001.JPG', '/Photos/2024/img_0002.jpg']],
  ['-b substring on the last component', ['lib'], { basename: true }, ['/src/lib']],
  ['-b glob', ['u*.c'], { basename: true }, ['/src/lib/util.c', '/src/lib/util.test.c']],
  ['-b does not see directory names', ['docs'], { basename: true }, ['/docs']],
  ['space and newline in names', ['new\nl'], {}, ['/a b/new\nline']],
  ['BRE: literal +, group with \\( \\)', ['util\\(\\.test\\)*\\.c$'], { syntax: 'bre' }, ['/src/lib/util.c', '/src/lib/util.test.c']],
  ['BRE: + is literal', ['util+'], { syntax: 'bre' }, []],
  ['BRE: anchors and bracket', ['^/src/[a-n]*\\.h$'], { syntax: 'bre' }, ['/src/main.h']],
  ['BRE: interval', ['[0-9]\\{4\\}\\.'], { syntax: 'bre' }, ['/Photos/2024/IMG_0001.JPG', '/Photos/2024/img_0002.jpg', '/docs/old/notes-2019.txt']],
  ['ERE: alternation', ['main\\.c$|README'], { syntax: 'ere' }, ['/docs/README.md', '/src/main.c']],
  ['ERE: + quantifier', ['ut+il'], { syntax: 'ere' }, ['/src/lib/util.c', '/src/lib/util.test.c']],
  ['ERE: POSIX class', ['[[:upper:]]{3}_'], { syntax: 'ere' }, ['/Photos/2024/IMG_0001.JPG']],
  ['-i regex', ['^/photos/2024/img'], { syntax: 'ere', ignoreCase: true }, ['/Photos/2024/IMG_0001.JPG', '/Photos/2024/img_0002.jpg']],
  ['-b regex', ['^[a-z]+$'], { syntax: 'ere', basename: true }, ['/docs', '/docs/old', '/src', '/src/lib', '/x']],
  ['several patterns: any', ['main.c', 'README'], {}, ['/docs/README.md', '/src/main.c']],
  ['-A: all', ['src', '.c'], { all: true }, ['/src/lib/util.c', '/src/lib/util.test.c', '/src/main.c']],
  ['-A with a regex', ['src', 'test'], { all: true, syntax: 'ere' }, ['/src/lib/util.test.c']],
  ['limit', ['/'], { limit: 3 }, ['/Photos', '/Photos/2024', '/Photos/2024/IMG_0001.JPG']],
  ['no match', ['zzz'], {}, []],
];

for (const [title, patterns, flags, expected] of CASES) {
  test(`query: ${title}`, () => {
    assert.equal(find(shard(), patterns, flags), expected);
  });
}

test('a deleted name is gone; deleting a directory removes what is below it', () => {
  const s = shard();
  assert.is(s.remove('/src/main.c'), 1);
  assert.equal(find(s, ['main']), ['/src/main.h']);
  assert.is(s.remove('/docs'), 5);
  assert.equal(find(s, ['docs']), []);
  assert.equal(find(s, ['readme'], { ignoreCase: true }), []);
  assert.is(s.size, DIRS.length + FILES.length - 6);
});

test('added names are found, in order with the base', () => {
  const s = shard();
  s.add('/src/lib/added.c', false);
  s.add('/src/zzz', true);
  assert.equal(find(s, ['*.c']), ['/src/lib/added.c', '/src/lib/util.c', '/src/lib/util.test.c', '/src/main.c']);
  assert.equal(find(s, ['/src/'], { limit: 2 }), ['/src/lib', '/src/lib/added.c']);
  assert.is(s.get('/src/zzz'), true);
});

test('renaming a directory moves every name below it, also names added since', () => {
  const s = shard();
  s.add('/src/lib/new.c', false);
  assert.is(s.move('/src', '/code'), 8);
  assert.equal(find(s, ['/src']), []);
  assert.equal(find(s, ['/code']), ['/code', '/code/lib', '/code/lib/new.c', '/code/lib/star*name',
    '/code/lib/util.c', '/code/lib/util.test.c', '/code/main.c', '/code/main.h']);
  assert.is(s.get('/code/lib'), true);
  s.move('/code/lib', '/docs/lib');
  assert.equal(find(s, ['util']), ['/docs/lib/util.c', '/docs/lib/util.test.c']);
});

test('a rename onto an existing name replaces it; renaming a missing name does nothing', () => {
  const s = shard();
  s.move('/src/main.c', '/src/main.h');
  assert.equal(find(s, ['main']), ['/src/main.h']);
  assert.is(s.move('/nope', '/src/x'), 0);
  assert.is(s.get('/src/x'), undefined);
});

test('a prefix that is not a path component is not a subtree', () => {
  const s = Shard.of([['/ab', true], ['/ab/c', false], ['/abc', false], ['/ab-d', false]]);
  s.move('/ab', '/z');
  assert.equal(find(s, ['/']), ['/ab-d', '/abc', '/z', '/z/c']);
});

test('a merge folds delta and tombstones in and replays changes made during it', () => {
  const s = shard();
  s.remove('/docs/old');
  s.add('/new/file.c', false);
  const steps = s.mergeSteps();
  steps.next();
  s.move('/src', '/code');
  s.add('/code/late.c', false);
  for (let r = steps.next(); !r.done; r = steps.next());
  assert.is(s.delta().length, 8, 'the moved names and the late add sit in the new delta');
  assert.equal(find(s, ['*.c']), ['/code/late.c', '/code/lib/util.c', '/code/lib/util.test.c', '/code/main.c', '/new/file.c']);
  assert.equal(find(s, ['old']), []);
});

test('merging through a large shard keeps every name', () => {
  const entries: [string, boolean][] = [];
  for (let d = 0; d < 50; d++) {
    entries.push([`/d${d}`, true]);
    for (let f = 0; f < 200; f++) entries.push([`/d${d}/file-${f}.dat`, false]);
  }
  const s = Shard.of(entries);
  for (let f = 0; f < 200; f++) s.move(`/d7/file-${f}.dat`, `/d8/moved-${f}.dat`);
  s.remove('/d9');
  runStepsSync(s.mergeSteps());
  assert.is(s.size, entries.length - 201);
  assert.is(find(s, ['moved-']).length, 200);
  assert.equal(find(s, ['/d7/']), []);
  assert.is(find(s, ['file-1']).length, 48 * 111);
  assert.is(find(s, ['file-1'], { limit: 1000 }).length, 1000);
});

test.run();
