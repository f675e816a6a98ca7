import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { brickTriggersPath, syncBrickTriggers } from '../../src/mgmt/brick-triggers.js';
import type { VolumeRecord } from '../../src/mgmt/types.js';

const test = suite('mgmt/brick-triggers');
let dir = '';

function volume(triggers?: VolumeRecord['triggers']): VolumeRecord {
  return {
    name: 'gv0', id: '00000000-0000-4000-8000-000000000001', type: 'Distribute', replicaCount: 1,
    bricks: [{ host: '127.0.0.1', path: join(dir, 'b1') }], status: 'Started', options: {}, transport: 'tcp', version: 3,
    ...(triggers ? { triggers } : {}),
  };
}
const T1 = { name: 'thumbs', id: 'a1', created: 1, definition: { on: 'close-write', exec: 'true' } };

test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-triggers-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the volume triggers land in BRICK/.glusterfs/triggers.json, mode 0600, .glusterfs 0700', async () => {
  const brick = join(dir, 'b1');
  mkdirSync(brick);
  await syncBrickTriggers(volume([T1]), { host: '127.0.0.1', path: brick });
  const file = brickTriggersPath(brick);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')), { volume: 'gv0', brick: `127.0.0.1:${brick}`, triggers: [T1] });
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.is(statSync(join(brick, '.glusterfs')).mode & 0o777, 0o700);
});

test('an unchanged list is not rewritten (the runner polls the mtime); a change is', async () => {
  const brick = join(dir, 'b1');
  mkdirSync(brick);
  await syncBrickTriggers(volume([T1]), { host: '127.0.0.1', path: brick });
  const first = statSync(brickTriggersPath(brick));
  await syncBrickTriggers({ ...volume([T1]), version: 9, options: { 'x.y': 'z' } }, { host: '127.0.0.1', path: brick });
  assert.is(statSync(brickTriggersPath(brick)).ino, first.ino, 'same file: not replaced');
  await syncBrickTriggers(volume(), { host: '127.0.0.1', path: brick });
  assert.equal(JSON.parse(readFileSync(brickTriggersPath(brick), 'utf8')), { volume: 'gv0', brick: `127.0.0.1:${brick}`, triggers: [] });
});

test('a missing brick directory is not created', async () => {
  await syncBrickTriggers(volume([T1]), { host: '127.0.0.1', path: join(dir, 'gone') });
  assert.not.ok(existsSync(join(dir, 'gone')));
});

test.run();
