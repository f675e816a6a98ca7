import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendAttempt, LOG_ROTATE_BYTES, logDir, readAttempts, type AttemptLogEntry } from '../../src/triggers/log.js';

const test = suite('triggers/log');
let brick = '';
test.before.each(() => { brick = mkdtempSync(join(tmpdir(), 'trig-log-')); });
test.after.each(() => rmSync(brick, { recursive: true, force: true }));

const entry = (i: number, output = ''): AttemptLogEntry => ({
  time: i, trigger: 't1', brick: 'h:/b', event: 'close-write', path: `/f${i}`, gfid: 'g', eventTs: i, attempt: 1,
  outcome: 'ok', exitCode: 0, timedOut: false, durationMs: 1, output,
});

test('attempts are appended as JSON lines (0600 in a 0700 directory) and read back, the last N', () => {
  for (let i = 0; i < 5; i++) appendAttempt(brick, entry(i));
  assert.equal(readAttempts(brick, 't1', 3).map((e) => e.path), ['/f2', '/f3', '/f4']);
  assert.is(statSync(join(logDir(brick), 't1.jsonl')).mode & 0o777, 0o600);
  assert.is(statSync(logDir(brick)).mode & 0o777, 0o700);
  assert.equal(readAttempts(brick, 'other', 10), []);
});

test('the log is bounded: two generations of 1 MiB, the newest entries kept', () => {
  const big = 'x'.repeat(2000);
  const n = Math.ceil((3 * LOG_ROTATE_BYTES) / 2100);
  for (let i = 0; i < n; i++) appendAttempt(brick, entry(i, big));
  const kept = readAttempts(brick, 't1', 1e9);
  assert.ok(kept.length < n, `${kept.length} of ${n} kept`);
  assert.is(kept.at(-1)!.path, `/f${n - 1}`);
  const size = statSync(join(logDir(brick), 't1.jsonl')).size + statSync(join(logDir(brick), 't1.jsonl.1')).size;
  assert.ok(size <= 2 * LOG_ROTATE_BYTES + 4096, `${size} bytes`);
});

test('a name that is not a trigger name never reaches outside the log directory', () => {
  assert.throws(() => readAttempts(brick, '../../etc/passwd', 1), /not valid/);
});

test.run();
