import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replicaSets } from '../../src/api/index.js';
import { parseVolfile } from '../../src/volume/index.js';
import { rejectsWith } from './expect-code.js';
import { mountMemory } from './memory-volume.js';

const client = (name: string) => ({ name, type: 'protocol/client', options: {} });

test('replica sets of a distributed-replicated volume are its replicate nodes, in order', () => {
  const vf = parseVolfile(JSON.stringify({
    volume: 'v', top: 'v-io',
    nodes: [
      { name: 'v-io', type: 'debug/io-stats', children: ['v-dht'] },
      { name: 'v-dht', type: 'cluster/distribute', children: ['v-rep-0', 'v-rep-1'] },
      { name: 'v-rep-0', type: 'cluster/replicate', children: ['c0', 'c1'] },
      { name: 'v-rep-1', type: 'cluster/afr', children: ['c2', 'c3'] },
      client('c0'), client('c1'), client('c2'), client('c3'),
    ],
  }));
  assert.equal(replicaSets(vf), [['c0', 'c1'], ['c2', 'c3']]);
});

test('each brick of a pure distribute volume is its own set; a lone brick is one set', () => {
  const dist = parseVolfile(JSON.stringify({
    volume: 'v', top: 'd', nodes: [{ name: 'd', type: 'cluster/dht', children: ['c0', 'c1', 'c2'] }, client('c0'), client('c1'), client('c2')],
  }));
  assert.equal(replicaSets(dist), [['c0'], ['c1'], ['c2']]);
  const one = parseVolfile(JSON.stringify({ volume: 'v', top: 'c0', nodes: [client('c0')] }));
  assert.equal(replicaSets(one), [['c0']]);
});

test('a volume without bricks cannot run tasks (ENOTSUP)', async () => {
  const vol = await mountMemory('memory');
  try {
    await rejectsWith(vol.runTask('du', { path: '/', summary: true }), 'ENOTSUP');
    assert.is(vol.replicaCount, 1);
  } finally {
    await vol.unmount();
  }
});

test.run();
