import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HEAL_USAGE, parseHealWords, type HealRequest } from '../../../src/cli/gluster/heal-words.js';

const GOOD: [string, HealRequest][] = [
  ['', { kind: 'trigger', full: false }],
  ['full', { kind: 'trigger', full: true }],
  ['enable', { kind: 'enable', on: true }],
  ['disable', { kind: 'enable', on: false }],
  ['info', { kind: 'info', mode: 'info' }],
  ['info summary', { kind: 'info', mode: 'summary' }],
  ['info split-brain', { kind: 'info', mode: 'split-brain' }],
  ['statistics', { kind: 'statistics' }],
  ['statistics heal-count', { kind: 'heal-count' }],
  ['split-brain bigger-file /a/f', { kind: 'split-brain', policy: 'bigger-file', file: '/a/f' }],
  ['split-brain latest-mtime /f', { kind: 'split-brain', policy: 'latest-mtime', file: '/f' }],
  ['split-brain source-brick h1:/b/1', { kind: 'split-brain', policy: 'source-brick', sourceBrick: 'h1:/b/1' }],
  ['split-brain source-brick h1:/b/1 /f', { kind: 'split-brain', policy: 'source-brick', sourceBrick: 'h1:/b/1', file: '/f' }],
];

for (const [words, want] of GOOD) {
  test(`heal VOL ${words || '(nothing)'} parses`, () => {
    assert.equal(parseHealWords(words ? words.split(' ') : []), want);
  });
}

const BAD: [string, string][] = [
  ['bogus', "unknown heal command 'bogus'"],
  ['full now', "unexpected 'now' after 'full'"],
  ['info everything', "'info' takes 'summary' or 'split-brain', not 'everything'"],
  ['statistics all', "'statistics' takes only 'heal-count'"],
  ['split-brain bigger-file', "'split-brain bigger-file' needs the file to resolve"],
  ['split-brain source-brick /f', "'split-brain source-brick' needs the brick whose copies win, as HOSTNAME:BRICKNAME"],
  ['split-brain coin-toss /f', "'split-brain' takes bigger-file, latest-mtime or source-brick, not 'coin-toss'"],
  ['split-brain latest-mtime /f /g', "unexpected '/g' after the file"],
];

for (const [words, why] of BAD) {
  test(`heal VOL ${words} is refused with the reason and the usage`, () => {
    const r = parseHealWords(words.split(' '));
    assert.ok('error' in r, 'an error');
    const { error } = r as { error: string };
    assert.ok(error.startsWith(why), error);
    assert.ok(error.endsWith(HEAL_USAGE));
  });
}

test.run();
