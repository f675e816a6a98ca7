import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTriggerName, parseDefinition } from '../../src/triggers/definition.js';

const test = suite('triggers/definition');

test('defaults are filled in: root, 60 s, 5 attempts', () => {
  assert.equal(parseDefinition({ on: 'close-write', match: '*.csv', exec: 'echo hi' }),
    { on: 'close-write', match: '*.csv', exec: 'echo hi', runAs: 'root', timeoutSec: 60, attempts: 5, retryMaxSec: 300 });
  const full = { on: 'rename', webhook: 'http://127.0.0.1:9/x', runAs: 'nobody', timeoutSec: 2, attempts: 1, retryMaxSec: 5 };
  assert.equal(parseDefinition(full), full);
});

const BAD: [unknown, RegExp][] = [
  [null, /must be an object/],
  [{ on: 'open', exec: 'x' }, /--on must be one of close-write, create, delete, rename/],
  [{ on: 'create' }, /exactly one of --exec COMMAND and --webhook URL/],
  [{ on: 'create', exec: 'x', webhook: 'http://a/' }, /exactly one of/],
  [{ on: 'create', webhook: 'ftp://a/' }, /http:\/\/ or https:\/\//],
  [{ on: 'create', webhook: 'not a url' }, /is not a URL/],
  [{ on: 'create', exec: 'x', match: '[x' }, /'\[' without its '\]'/],
  [{ on: 'create', exec: 'x', timeoutSec: 0 }, /--timeout must be a number from 1/],
  [{ on: 'create', exec: 'x', attempts: 1000 }, /--attempts must be a number from 1 to 100/],
  [{ on: 'create', exec: 'x', runAs: 'a b' }, /--run-as "a b" is not a user name/],
  [{ on: 'create', exec: '' }, /--exec needs a non-empty value/],
];

test('a bad definition is EINVAL naming the option at fault', () => {
  for (const [def, msg] of BAD) {
    try {
      parseDefinition(def);
      assert.unreachable(JSON.stringify(def));
    } catch (e) {
      assert.is((e as { code?: string }).code, 'EINVAL');
      assert.match((e as Error).message, msg);
    }
  }
});

test('trigger names are what glusterd accepts; path tricks are refused', () => {
  assert.is(checkTriggerName('thumbs.v2_x-1'), 'thumbs.v2_x-1');
  for (const n of ['../x', '.hidden', '-x', 'a/b', '', 'x'.repeat(65)]) assert.throws(() => checkTriggerName(n), /not valid/);
});

test.run();
