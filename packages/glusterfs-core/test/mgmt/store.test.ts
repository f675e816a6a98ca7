import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Store } from '../../src/mgmt/store.js';
import type { VolumeRecord } from '../../src/mgmt/types.js';

const test = suite('mgmt/store');
let dir = '';
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'mgmt-store-')); });
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

const vol: VolumeRecord = {
  name: 'gv0', id: '11111111-2222-4333-8444-555555555555', type: 'Distribute', replicaCount: 1,
  bricks: [{ host: '127.0.0.1', path: '/b1' }], status: 'Started', options: {}, transport: 'tcp', version: 3,
};

test('the uuid, peers, volumes, deletions and brick ports survive a reopen', async () => {
  const a = await Store.open(dir, '127.0.0.1', 24007);
  await a.putVolume(vol);
  await a.putVolume({ ...vol, name: 'gone', id: 'dead' });
  await a.removeVolume('gone');
  await a.upsertPeer({ uuid: 'p1', host: '127.0.0.2', port: 24008 });
  await a.setBrickPort('/b1', 49152);
  const b = await Store.open(dir, '127.0.0.1', 24007);
  assert.is(b.self.uuid, a.self.uuid);
  assert.equal(b.volumes(), [vol]);
  assert.ok(b.isDeleted('dead'));
  assert.equal(b.peers(), [{ uuid: 'p1', host: '127.0.0.2', port: 24008 }]);
  assert.is(b.brickPort('/b1'), 49152);
  assert.equal([...b.allocatedPorts()], [49152]);
});

test('a peer re-probed under the same host replaces its old record', async () => {
  const s = await Store.open(dir, '127.0.0.1', 24007);
  await s.upsertPeer({ uuid: 'old', host: '127.0.0.2', port: 24007 });
  await s.upsertPeer({ uuid: 'new', host: '127.0.0.2', port: 24009 });
  assert.equal(s.peers(), [{ uuid: 'new', host: '127.0.0.2', port: 24009 }]);
});

test('files are written whole (no temporary files left) and are plain JSON', async () => {
  const s = await Store.open(dir, '127.0.0.1', 24007);
  await s.putVolume(vol);
  assert.equal(readdirSync(join(dir, 'vols', 'gv0')), ['info.json']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'vols', 'gv0', 'info.json'), 'utf8')), vol);
  assert.ok(!readdirSync(dir).some((f) => f.includes('.tmp-')));
});

test('a removed volume leaves no directory; without a tombstone it is not marked deleted', async () => {
  const s = await Store.open(dir, '127.0.0.1', 24007);
  await s.putVolume(vol);
  await s.removeVolume('gv0', false);
  assert.equal(readdirSync(join(dir, 'vols')), []);
  assert.not.ok(s.isDeleted(vol.id));
});

test.run();
