import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { replicaSetVolfiles } from '../../src/heal/index.js';
import { clientVolfile } from '../../src/mgmt/volgen.js';
import type { VolumeRecord } from '../../src/mgmt/types.js';
import { parseVolfile } from '../../src/volume/index.js';

const test = suite('heal/replica-sets');

function vol(replicaCount: number, n: number): VolumeRecord {
  return {
    name: 'gv0', id: '6f1c1d2e-0000-4000-8000-000000000001',
    type: replicaCount > 1 ? 'Distributed-Replicate' : 'Distribute', replicaCount,
    bricks: Array.from({ length: n }, (_, i) => ({ host: `127.0.0.${(i % replicaCount) + 1}`, path: `/b/${i}` })),
    status: 'Started', options: {}, transport: 'tcp', version: 1,
  };
}
const ports = (host: string) => 24000 + Number(host.split('.')[3]);

test('a 2x2 volume splits into two sets, each a volfile topped by its afr node', () => {
  const specs = replicaSetVolfiles(clientVolfile(vol(2, 4), ports));
  assert.equal(specs.map((s) => s.afr), ['gv0-replicate-0', 'gv0-replicate-1']);
  assert.equal(specs[1].children, [
    { name: 'gv0-client-2', host: '127.0.0.1', brickPath: '/b/2', brick: '127.0.0.1:/b/2' },
    { name: 'gv0-client-3', host: '127.0.0.2', brickPath: '/b/3', brick: '127.0.0.2:/b/3' },
  ]);
  const vf = specs[1].volfile;
  assert.is(vf.volume, 'gv0');
  assert.is(vf.top, 'gv0-replicate-1');
  assert.equal(vf.nodes.map((n) => n.name), ['gv0-client-2', 'gv0-client-3', 'gv0-replicate-1']);
  assert.equal(vf.nodes[0].options['remote-port'], 24001);
});

test('each set volfile parses on its own: no dangling children, nothing unreachable', () => {
  for (const s of replicaSetVolfiles(clientVolfile(vol(3, 6), ports))) {
    const vf = parseVolfile(JSON.stringify(s.volfile));
    assert.is(vf.nodes.length, 4);
  }
});

test('children follow brick order across sets', () => {
  const bricks = replicaSetVolfiles(clientVolfile(vol(3, 6), ports)).flatMap((s) => s.children.map((c) => c.brick));
  assert.equal(bricks, vol(3, 6).bricks.map((b) => `${b.host}:${b.path}`));
});

test('a pure distribute volume has no replica sets', () => {
  assert.equal(replicaSetVolfiles(clientVolfile(vol(1, 3), ports)), []);
});

test('a translator stacked between afr and a client keeps the child name and finds the brick below', () => {
  const specs = replicaSetVolfiles({
    volume: 'v', top: 'v',
    nodes: [
      { name: 'c0', type: 'protocol/client', options: { 'remote-host': 'h0', 'remote-subvolume': '/x' }, children: [] },
      { name: 'c1', type: 'protocol/client', options: { 'remote-host': 'h1', 'remote-subvolume': '/y' }, children: [] },
      { name: 't0', type: 'debug/error-gen', options: {}, children: ['c0'] },
      { name: 'r', type: 'cluster/replicate', options: {}, children: ['t0', 'c1'] },
      { name: 'v', type: 'cluster/dht', options: {}, children: ['r'] },
    ],
  });
  assert.equal(specs[0].children.map((c) => [c.name, c.brick]), [['t0', 'h0:/x'], ['c1', 'h1:/y']]);
  assert.equal(specs[0].volfile.nodes.map((n) => n.name), ['c0', 'c1', 't0', 'r']);
});

test.run();
