import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatVolumeInfo, formatVolumeStatus } from '../../../src/cli/gluster/format-volume.js';
import type { VolumeRecord, VolumeStatusReport } from '../../../src/mgmt/index.js';

const vol = (o: Partial<VolumeRecord>): VolumeRecord => ({
  name: 'gv0', id: '6f2c1c52-7f0e-4a53-9a55-3c4b8e4c7a10', type: 'Replicate', replicaCount: 3, arbiterCount: 1,
  bricks: ['h1:/b/1', 'h2:/b/2', 'h3:/b/3'].map((s) => ({ host: s.split(':')[0], path: s.split(':')[1] })),
  status: 'Created', options: {}, transport: 'tcp', version: 1, ...o,
});

test('an arbiter volume prints 1 x (2 + 1) = 3 and marks its arbiter brick, as GlusterFS 10 does', () => {
  assert.fixture(formatVolumeInfo(vol({})), [
    '', 'Volume Name: gv0', 'Type: Replicate', 'Volume ID: 6f2c1c52-7f0e-4a53-9a55-3c4b8e4c7a10', 'Status: Created',
    'Snapshot Count: 0', 'Number of Bricks: 1 x (2 + 1) = 3', 'Transport-type: tcp', 'Bricks:',
    'Brick1: h1:/b/1', 'Brick2: h2:/b/2', 'Brick3: h3:/b/3 (arbiter)', '',
  ].join('\n'));
});

test('every third brick of a distributed arbiter volume is an arbiter', () => {
  const bricks = [1, 2, 3, 4, 5, 6].map((i) => ({ host: `h${i}`, path: `/b/${i}` }));
  const text = formatVolumeInfo(vol({ type: 'Distributed-Replicate', bricks }));
  assert.ok(text.includes('Number of Bricks: 2 x (2 + 1) = 6\n'), text);
  assert.equal(text.split('\n').filter((l) => l.endsWith('(arbiter)')), ['Brick3: h3:/b/3 (arbiter)', 'Brick6: h6:/b/6 (arbiter)']);
  assert.ok(formatVolumeInfo(vol({ arbiterCount: 0, replicaCount: 2, bricks: bricks.slice(0, 4) })).includes('Number of Bricks: 2 x 2 = 4\n'));
});

test('volume status lists a Self-heal Daemon line per server in GlusterFS\'s columns', () => {
  const r: VolumeStatusReport = {
    name: 'gv0', status: 'Started',
    bricks: [{ host: 'h1', path: '/b/1', port: 49152, pid: 100, online: true }],
    selfHeal: [
      { host: 'h1', pid: 200, port: 40000, online: true },
      { host: 'h2', pid: null, port: null, online: false, error: 'peer h2 is not connected' },
    ],
  };
  const lines = formatVolumeStatus(r).split('\n');
  assert.is(lines[3], 'Brick h1:/b/1                                49152     0          Y       100');
  assert.is(lines[4], 'Self-heal Daemon on h1                       N/A       N/A        Y       200');
  assert.is(lines[5], 'Self-heal Daemon on h2                       N/A       N/A        N       N/A');
  assert.ok(lines.includes('Self-heal Daemon on h2 is offline: peer h2 is not connected'));
});

test.run();
