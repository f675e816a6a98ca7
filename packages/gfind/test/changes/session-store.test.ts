import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkSessionName, listSessionPoints, loadSessionPoint, removeSessionPoint, saveSessionPoint,
} from '../../src/changes/session-store.js';

test('a session point is saved, listed, moved and removed on one brick directory', () => {
  const brick = mkdtempSync(join(tmpdir(), 'gfind-session-'));
  try {
    assert.is(loadSessionPoint(brick, 'backup'), undefined);
    assert.equal(listSessionPoints(brick), []);
    saveSessionPoint(brick, 'backup', 1000);
    saveSessionPoint(brick, 'sync-2', 2000);
    saveSessionPoint(brick, 'backup', 3000);
    assert.equal(listSessionPoints(brick), [{ session: 'backup', time: 3000 }, { session: 'sync-2', time: 2000 }]);
    assert.is(removeSessionPoint(brick, 'backup'), true);
    assert.is(removeSessionPoint(brick, 'backup'), false);
    assert.equal(listSessionPoints(brick), [{ session: 'sync-2', time: 2000 }]);
  } finally {
    rmSync(brick, { recursive: true, force: true });
  }
});

for (const bad of ['', '../x', 'a/b', '.hidden', '-opt', 'x'.repeat(65), 'sp ace']) {
  test(`session name ${JSON.stringify(bad)} is EINVAL`, () => {
    assert.throws(() => checkSessionName(bad), (e: { code?: string }) => e.code === 'EINVAL');
  });
}

test.run();
