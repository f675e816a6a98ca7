import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileGlob } from '../../src/triggers/glob.js';

const test = suite('triggers/glob');

// [glob, path, matches]
const CASES: [string, string, boolean][] = [
  ['*.csv', '/in/a.csv', true],
  ['*.csv', '/a.csv', true],
  ['*.csv', '/in/a.csv.tmp', false],
  ['*.csv', '/in/.hidden.csv', true],
  ['a?.txt', '/x/ab.txt', true],
  ['a?.txt', '/x/a.txt', false],
  ['[abc]*', '/d/beta', true],
  ['[!abc]*', '/d/beta', false],
  ['[^abc]*', '/d/delta', true],
  ['[a-c]1', '/b1', true],
  ['[a-c]1', '/d1', false],
  ['[]]x', '/]x', true],
  ['\\*', '/*', true],
  ['\\*', '/a', false],
  ['/in/*.csv', '/in/a.csv', true],
  ['/in/*.csv', '/in/x/a.csv', false],
  ['in/*.csv', '/in/a.csv', true],
  ['/in/**', '/in/x/y/z', true],
  ['/in/**', '/out/x', false],
  ['/in/**/*.csv', '/in/a.csv', true],
  ['/in/**/*.csv', '/in/x/y/a.csv', true],
  ['/in/**/*.csv', '/in/x/y/a.txt', false],
  ['**/b.txt', '/a/b/b.txt', true],
  ['a.b', '/axb', false],
  ['(x)+', '/(x)+', true],
  ['*', '/name with\nnewline', true],
  ['/a/*/c', '/a/b/x/c', false],
];

test('globs match volume paths as documented (basename without a slash, whole path with one)', () => {
  for (const [glob, path, want] of CASES) assert.is(compileGlob(glob)(path), want, `${glob} ~ ${JSON.stringify(path)}`);
});

test('an unterminated class or a trailing backslash is EINVAL', () => {
  for (const g of ['[abc', 'x\\']) {
    try {
      compileGlob(g);
      assert.unreachable(g);
    } catch (e) {
      assert.is((e as { code?: string }).code, 'EINVAL', g);
    }
  }
});

test.run();
