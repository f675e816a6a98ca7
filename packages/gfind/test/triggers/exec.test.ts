import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../src/triggers/exec.js';

const test = suite('triggers/exec');

test('a command runs under sh with the given environment; its exit status and output tail come back', async () => {
  const r = await runCommand('echo "$GLUSTER_PATH"; echo oops >&2; exit 3', { env: { GLUSTER_PATH: '/a b' }, timeoutMs: 5000 });
  assert.is(r.exitCode, 3);
  assert.is(r.timedOut, false);
  assert.is(r.output, '/a b\noops\n');
});

test('a hanging command and what it started are killed after the timeout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trig-exec-'));
  try {
    const marker = join(dir, 'survived');
    const t0 = Date.now();
    const r = await runCommand(`echo started; (sleep 2; touch ${marker}) & sleep 30`, { env: {}, timeoutMs: 300 });
    assert.is(r.timedOut, true);
    assert.is(r.exitCode, null);
    assert.is(r.signal, 'SIGTERM');
    assert.is(r.output, 'started\n');
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    await new Promise((res) => setTimeout(res, 2500));
    assert.not.ok(existsSync(marker), 'the background child was killed with the group');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a command that leaves a child holding its output open still finishes promptly', async () => {
  const t0 = Date.now();
  const r = await runCommand('sleep 3 & echo done', { env: {}, timeoutMs: 10_000 });
  assert.is(r.exitCode, 0);
  assert.is(r.output, 'done\n');
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
});

test.run();
