import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commandEnv, webhookBody, type Firing } from '../../src/triggers/env.js';
import { retryDelayMs } from '../../src/triggers/backoff.js';
import { OutputTail } from '../../src/triggers/output-tail.js';

const test = suite('triggers/env');

const F: Firing = {
  trigger: 't1', volume: 'gv0', brick: '10.0.0.1:/b/1', brickRoot: '/b/1/', event: 'rename', path: '/in/new name',
  oldPath: '/in/old', gfid: 'f0000000-0000-4000-8000-000000000000', ts: 1700000000123,
};

test('a command gets a clean environment with the event in GLUSTER_* variables', () => {
  const env = commandEnv(F, { name: 'alice', uid: 1000, gid: 1000, home: '/home/alice' });
  assert.equal(env, {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/home/alice', USER: 'alice',
    LOGNAME: 'alice', SHELL: '/bin/sh', LANG: 'C.UTF-8', GLUSTER_TRIGGER: 't1', GLUSTER_VOLUME: 'gv0',
    GLUSTER_EVENT: 'rename', GLUSTER_PATH: '/in/new name', GLUSTER_BRICK_PATH: '/b/1/in/new name',
    GLUSTER_BRICK: '10.0.0.1:/b/1', GLUSTER_GFID: F.gfid, GLUSTER_TIME: '1700000000123',
    GLUSTER_OLD_PATH: '/in/old', GLUSTER_OLD_BRICK_PATH: '/b/1/in/old',
  });
  const plain = commandEnv({ ...F, event: 'create', oldPath: undefined }, { name: 'root', uid: 0, gid: 0, home: '/root' });
  assert.not.ok('GLUSTER_OLD_PATH' in plain);
});

test('a webhook body carries the event fields, oldPath only for renames', () => {
  assert.equal(webhookBody(F), {
    trigger: 't1', volume: 'gv0', event: 'rename', path: '/in/new name', oldPath: '/in/old', gfid: F.gfid,
    brick: '10.0.0.1:/b/1', ts: 1700000000123,
  });
  assert.not.ok('oldPath' in webhookBody({ ...F, oldPath: undefined }));
});

test('retries back off 1 s, 2 s, 4 s … up to the trigger\'s maximum', () => {
  assert.equal([1, 2, 3, 4, 20, 100].map((n) => retryDelayMs(n, 300_000)), [1000, 2000, 4000, 8000, 300_000, 300_000]);
  assert.equal([1, 2, 3].map((n) => retryDelayMs(n, 1500)), [1000, 1500, 1500]);
});

test('an output tail keeps the last 2 KiB, marked as cut, without a broken character', () => {
  const t = new OutputTail();
  t.push(Buffer.from('x'.repeat(3000)));
  t.push(Buffer.from('é'.repeat(10) + 'END'));
  const text = t.text();
  assert.ok(text.startsWith('…x'));
  assert.ok(text.endsWith('é'.repeat(10) + 'END'));
  assert.ok(Buffer.byteLength(text) <= 2048 + 3);
  const small = new OutputTail();
  small.push(Buffer.from('short\n'));
  assert.is(small.text(), 'short\n');
});

test.run();
