import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { brickVolfile, clientVolfile } from '../../src/mgmt/volgen.js';
import { clientSubvolName } from '../../src/mgmt/brick-spec.js';
import type { VolumeRecord } from '../../src/mgmt/types.js';
import { parseOptions, parseVolfile, resolveXlator } from '../../src/volume/index.js';

const test = suite('mgmt/volgen');

function vol(replicaCount: number, n: number): VolumeRecord {
  return {
    name: 'gv0', id: '6f1c1d2e-0000-4000-8000-000000000001',
    type: replicaCount > 1 ? 'Distributed-Replicate' : 'Distribute', replicaCount,
    bricks: Array.from({ length: n }, (_, i) => ({ host: i % 2 ? '127.0.0.2' : '127.0.0.1', path: `/b/${i}` })),
    status: 'Started', options: {}, transport: 'tcp', version: 1,
  };
}
const ports = (host: string) => (host === '127.0.0.1' ? 24007 : 24008);

test('a distribute volume is one protocol/client per brick under a dht node named after the volume', () => {
  const vf = parseVolfile(JSON.stringify(clientVolfile(vol(1, 4), ports)));
  assert.is(vf.top, 'gv0');
  const top = vf.nodes.find((n) => n.name === 'gv0')!;
  assert.is(top.type, 'cluster/dht');
  assert.equal(top.children, ['gv0-client-0', 'gv0-client-1', 'gv0-client-2', 'gv0-client-3']);
  const c1 = vf.nodes.find((n) => n.name === 'gv0-client-1')!;
  assert.is(c1.type, 'protocol/client');
  assert.equal(c1.options, { 'remote-host': '127.0.0.2', 'remote-port': 24008, 'remote-subvolume': '/b/1' });
  assert.is(vf.nodes.length, 5);
});

const ACCESS = { trustedPassword: 'tp', clientPassword: 'cp', sslDir: '/gd/ssl' };

/** The brick graph's translator types, from posix up to the top. */
function stackOf(vf: ReturnType<typeof parseVolfile>): string[] {
  const types: string[] = [];
  for (let n = vf.nodes.find((x) => x.name === vf.top); n; n = vf.nodes.find((x) => x.name === n!.children[0])) types.unshift(n.type);
  return types;
}

test('a replica 2 volume puts an afr node over each pair of clients and dht over the afr nodes', () => {
  const vf = parseVolfile(JSON.stringify(clientVolfile(vol(2, 4), ports)));
  const top = vf.nodes.find((n) => n.name === vf.top)!;
  assert.is(top.type, 'cluster/dht');
  assert.equal(top.children, ['gv0-replicate-0', 'gv0-replicate-1']);
  const r1 = vf.nodes.find((n) => n.name === 'gv0-replicate-1')!;
  assert.is(r1.type, 'cluster/afr');
  assert.equal(r1.children, ['gv0-client-2', 'gv0-client-3']);
});

test('a brick volfile is storage/posix on the brick directory with the volume id and host, under features/locks and protocol/server', () => {
  const v = vol(1, 2);
  const vf = parseVolfile(JSON.stringify(brickVolfile(v, v.bricks[1], ACCESS)));
  assert.equal(stackOf(vf), ['storage/posix', 'features/changelog', 'features/locks', 'protocol/server']);
  const posix = vf.nodes.find((n) => n.type === 'storage/posix')!;
  assert.equal(posix.options, { directory: '/b/1', 'volume-id': v.id, 'brick-host': '127.0.0.2' });
  const server = vf.nodes.find((n) => n.name === vf.top)!;
  assert.equal(server.options, { 'trusted-password': 'tp', 'client-password': 'cp', 'ssl-dir': '/gd/ssl' });
});

test('a client volfile carries the login and service key it was made for, and none by default', () => {
  const v = vol(1, 2);
  const plain = clientVolfile(v, ports);
  assert.not.ok(JSON.stringify(plain).includes('password'));
  assert.is(plain.serviceKey, undefined);
  const trusted = parseVolfile(JSON.stringify(clientVolfile(v, ports, { login: { username: 'trusted', password: 'pw' }, serviceKey: 'ab'.repeat(32), mgmtSsl: true })));
  for (const c of trusted.nodes.filter((n) => n.type === 'protocol/client')) {
    assert.is(c.options.username, 'trusted');
    assert.is(c.options.password, 'pw');
    assert.is(c.options['mgmt-ssl'], true);
    parseOptions(c.type, resolveXlator(c.type)!.options, c.options);
  }
  assert.is(trusted.serviceKey, 'ab'.repeat(32));
});

test('replicated bricks put features/index on top, keeping the index under the brick\'s .glusterfs', () => {
  const v = vol(2, 4);
  const vf = parseVolfile(JSON.stringify(brickVolfile(v, v.bricks[3], ACCESS)));
  assert.equal(stackOf(vf), ['storage/posix', 'features/changelog', 'features/locks', 'features/index', 'protocol/server']);
  const index = vf.nodes.find((n) => n.type === 'features/index')!;
  assert.equal(index.options, { 'index-base': '/b/3/.glusterfs/indices' });
  const journal = vf.nodes.find((n) => n.type === 'features/changelog')!;
  assert.equal(journal.options, { 'changelog-dir': '/b/3/.glusterfs/changelogs', subvolume: clientSubvolName(v.name, 3) });
  assert.not.ok(clientVolfile(v, ports).nodes.some((n) => 'arbiter-count' in n.options), 'no arbiter, no arbiter-count');
});

test('on a replica 3 arbiter 1 volume the last brick of each set gets features/arbiter above posix', () => {
  const v: VolumeRecord = { ...vol(3, 6), arbiterCount: 1 };
  const CASES: [number, string[]][] = [
    [0, ['storage/posix', 'features/changelog', 'features/locks', 'features/index', 'protocol/server']],
    [1, ['storage/posix', 'features/changelog', 'features/locks', 'features/index', 'protocol/server']],
    [2, ['storage/posix', 'features/changelog', 'features/arbiter', 'features/locks', 'features/index', 'protocol/server']],
    [5, ['storage/posix', 'features/changelog', 'features/arbiter', 'features/locks', 'features/index', 'protocol/server']],
  ];
  for (const [i, want] of CASES) assert.equal(stackOf(parseVolfile(JSON.stringify(brickVolfile(v, v.bricks[i], ACCESS)))), want, `brick ${i}`);
  const client = parseVolfile(JSON.stringify(clientVolfile(v, ports)));
  const afrs = client.nodes.filter((n) => n.type === 'cluster/afr');
  assert.is(afrs.length, 2);
  for (const a of afrs) assert.is(a.options['arbiter-count'], 1);
  for (const n of [...client.nodes, ...parseVolfile(JSON.stringify(brickVolfile(v, v.bricks[2], ACCESS))).nodes]) {
    parseOptions(n.type, resolveXlator(n.type)!.options, n.options);
  }
});

test('set options land on their translators in the client and brick volfiles, and the graphs accept them', () => {
  const v = {
    ...vol(1, 2),
    options: {
      'cluster.lookup-optimize': 'off', 'network.call-timeout': '5', 'storage.gfid2path': 'off', 'brick.task-modules': '/x.js',
      'auth.reject': '10.0.0.0/8', 'server.root-squash': 'on', 'client.ssl': 'on',
    },
  };
  const client = parseVolfile(JSON.stringify(clientVolfile(v, ports)));
  assert.is(client.nodes.find((n) => n.type === 'cluster/dht')!.options['lookup-optimize'], 'off');
  for (const c of client.nodes.filter((n) => n.type === 'protocol/client')) assert.is(c.options['call-timeout'], '5');
  const brick = parseVolfile(JSON.stringify(brickVolfile(v, v.bricks[0], ACCESS)));
  const posix = brick.nodes.find((n) => n.type === 'storage/posix')!;
  assert.equal(posix.options, { gfid2path: 'off', directory: '/b/0', 'volume-id': v.id, 'brick-host': '127.0.0.1' });
  const server = brick.nodes.find((n) => n.type === 'protocol/server')!;
  assert.is(server.options['auth-reject'], '10.0.0.0/8');
  assert.is(server.options['root-squash'], 'on');
  for (const c of client.nodes.filter((n) => n.type === 'protocol/client')) assert.is(c.options.ssl, 'on');
  assert.not.ok(JSON.stringify([client, brick]).includes('/x.js'), 'brick-process options are not volfile options');
  // Every node's options pass its translator's schema, as they will when the graph is built.
  for (const n of [...client.nodes, ...brick.nodes]) parseOptions(n.type, resolveXlator(n.type)!.options, n.options);
  const dht = client.nodes.find((n) => n.type === 'cluster/dht')!;
  assert.is(parseOptions('cluster/dht', resolveXlator('cluster/dht')!.options, dht.options).lookupOptimize, false);
});

test.run();
