import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePattern, type PatternSyntax } from '../../src/index/pattern.js';

const test = suite('index/pattern');

// [pattern, syntax, path, matches?] — plocate's semantics: substrings unless a glob character
// is present (then fnmatch on the whole path, * crossing /), POSIX BRE for -r, ERE for --regex.
const MATCHES: [string, PatternSyntax, string, boolean][] = [
  ['foo', 'locate', '/a/foo/b', true],
  ['foo\\*', 'locate', '/a/foo*', true],
  ['foo\\*', 'locate', '/a/foox', false],
  ['*foo', 'locate', '/a/foo', true],
  ['*foo', 'locate', '/a/foo/b', false],
  ['/a*b', 'locate', '/a/x/b', true],
  ['[[:digit:]]*', 'locate', '/1', false],
  ['*[[:digit:]]', 'locate', '/x1', true],
  ['*[]]', 'locate', '/x]', true],
  ['*[a-c]', 'locate', '/xb', true],
  ['[unclosed', 'locate', '/a/[unclosed', false],
  ['*[unclosed', 'locate', '/a/[unclosed', true],
  ['a.c', 'bre', '/abc', true],
  ['a\\.c', 'bre', '/abc', false],
  ['*a', 'bre', '/x*a', true],
  ['^/x', 'bre', '/x', true],
  ['x$', 'bre', '/x', true],
  ['a^b', 'bre', '/a^b', true],
  ['a\\|z', 'bre', '/z', true],
  ['a|z', 'bre', '/a|z', true],
  ['a|z', 'ere', '/z', true],
  ['\\(ab\\)\\1', 'bre', '/abab', true],
  ['(ab)\\1', 'ere', '/abab', true],
  ['a{2}', 'ere', '/aa', true],
  ['a\\{2\\}', 'bre', '/aa', true],
  ['a{2}', 'bre', '/a{2}', true],
  ['[\\]', 'ere', '/\\', true],
  ['\\<foo\\>', 'ere', '/a foo b', true],
  ['\\<foo\\>', 'ere', '/afoob', false],
  ['.', 'ere', '/\n', true],
];

for (const [pattern, syntax, path, expected] of MATCHES) {
  test(`${syntax} '${pattern}' ${expected ? 'matches' : 'does not match'} ${JSON.stringify(path)}`, () => {
    assert.is(compilePattern({ text: pattern, syntax, ignoreCase: false, basename: false }).test(path), expected);
  });
}

const LITERALS: [string, PatternSyntax, string[]][] = [
  ['report', 'locate', ['report']],
  ['*.jpg', 'locate', ['.jpg']],
  ['/src/*/main.?', 'locate', ['/src/', '/main.']],
  ['util+\\.c', 'ere', ['uti', 'l', '.c']],
  ['ab*cd', 'bre', ['a', 'cd']],
  ['(ab|cd)ef', 'ere', []],
];

for (const [pattern, syntax, expected] of LITERALS) {
  test(`${syntax} '${pattern}' requires ${JSON.stringify(expected)} (what narrows candidates)`, () => {
    assert.equal(compilePattern({ text: pattern, syntax, ignoreCase: false, basename: false }).literals, expected);
  });
}

for (const [pattern, syntax] of [['a[b', 'ere'], ['a\\{2', 'bre'], ['(ab', 'ere'], ['[[:nope:]]', 'ere']] as const) {
  test(`${syntax} '${pattern}' is rejected with EINVAL`, () => {
    try {
      compilePattern({ text: pattern, syntax, ignoreCase: false, basename: false });
      assert.unreachable();
    } catch (e) {
      assert.is((e as { code?: string }).code, 'EINVAL');
    }
  });
}

test.run();
