import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columns, humanSize, modeString } from '../../../src/cli/gfs/render.js';
import { strerror } from '../../../src/cli/gfs/report.js';

const MODES: [number, string][] = [
  [0o040755, 'drwxr-xr-x'],
  [0o100644, '-rw-r--r--'],
  [0o120777, 'lrwxrwxrwx'],
  [0o101000, '---------T'],
  [0o041777, 'drwxrwxrwt'],
  [0o104755, '-rwsr-xr-x'],
  [0o102644, '-rw-r-Sr--'],
];

test('mode strings read like ls -l', () => {
  for (const [mode, want] of MODES) assert.is(modeString(mode), want, mode.toString(8));
});

const SIZES: [number, string][] = [[0, '0'], [1023, '1023'], [1024, '1.0K'], [1536, '1.5K'], [10 * 1024, '10K'], [5 * 2 ** 30 + 1, '5.1G']];

test('human sizes round up like df -h', () => {
  for (const [n, want] of SIZES) assert.is(humanSize(n), want, String(n));
});

test('columns pad all but a left-aligned last column', () => {
  assert.equal(columns([['a', '1', 'x'], ['bbb', '22', 'yy']], ['l', 'r', 'l']), ['a    1 x', 'bbb 22 yy']);
});

test('errno texts are the C library strings', () => {
  assert.is(strerror('ENOENT'), 'No such file or directory');
  assert.is(strerror('ENOTEMPTY'), 'Directory not empty');
  assert.is(strerror('ENOTCONN'), 'Transport endpoint is not connected');
});

test.run();
