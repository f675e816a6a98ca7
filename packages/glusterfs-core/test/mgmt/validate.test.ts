import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import type { CreateVolumeRequest, VolumeRecord } from '../../src/mgmt/types.js';
import { validateCreate } from '../../src/mgmt/validate.js';

const test = suite('mgmt/validate');

const existing: VolumeRecord = {
  name: 'old', id: 'x', type: 'Distribute', replicaCount: 1, bricks: [{ host: 'h1', path: '/data/old' }],
  status: 'Created', options: {}, transport: 'tcp', version: 1,
};
const ctx = { volumes: [existing], poolHosts: new Set(['h1', 'h2']) };

const BAD: [string, CreateVolumeRequest, string, string][] = [
  ['a duplicate brick', { name: 'gv0', bricks: ['h1:/a', 'h1:/a'] }, 'EINVAL', 'Found duplicate exports h1:/a'],
  ['a brick inside another of the request', { name: 'gv0', bricks: ['h1:/a', 'h1:/a/b'] }, 'EINVAL',
    'Brick: h1:/a not available. Brick may be containing or be contained by an existing brick'],
  ['a brick above an existing volume\'s brick', { name: 'gv0', bricks: ['h1:/data'] }, 'EINVAL',
    'Brick: h1:/data not available. Brick may be containing or be contained by an existing brick'],
  ['an existing volume\'s brick', { name: 'gv0', bricks: ['h1:/data/old/'] }, 'EINVAL', 'Brick: h1:/data/old not available'],
  ['a brick count that is not a multiple of the replica count', { name: 'gv0', replicaCount: 2, bricks: ['h1:/a', 'h2:/a', 'h1:/b'] },
    'EINVAL', 'number of bricks is not a multiple of replica count'],
  ['replica 1', { name: 'gv0', replicaCount: 1, bricks: ['h1:/a'] }, 'EINVAL', 'replica count should be greater than 1'],
  ['no bricks', { name: 'gv0', bricks: [] }, 'EINVAL', 'No bricks specified'],
  ['a relative brick path', { name: 'gv0', bricks: ['h1:data'] }, 'EINVAL', 'wrong brick type: h1:data, use <HOSTNAME>:<export-dir-abs-path>'],
  ['a brick without a host', { name: 'gv0', bricks: ['/data/x'] }, 'EINVAL', 'wrong brick type: /data/x'],
  ['a host outside the pool', { name: 'gv0', bricks: ['h9:/a'] }, 'ENOENT', "Host h9 is not in 'Peer in Cluster' state"],
  ['a taken name', { name: 'old', bricks: ['h1:/a'] }, 'EEXIST', 'Volume old already exists'],
  ['the reserved name all', { name: 'all', bricks: ['h1:/a'] }, 'EINVAL', '"all" cannot be the name of a volume.'],
  ['a name with a slash', { name: 'a/b', bricks: ['h1:/a'] }, 'EINVAL', 'is not valid'],
  ['two replicas on one server without force', { name: 'gv0', replicaCount: 2, bricks: ['h1:/a', 'h1:/b'] }, 'EINVAL',
    'Multiple bricks of a replicate volume are present on the same server'],
  ['an arbiter with replica 2', { name: 'gv0', replicaCount: 2, arbiterCount: 1, bricks: ['h1:/a', 'h2:/a'] }, 'EINVAL',
    'For arbiter configuration, replica count must be 3 and arbiter count must be 1. The 3rd brick of the replica will be the arbiter'],
  ['arbiter 2', { name: 'gv0', replicaCount: 3, arbiterCount: 2, bricks: ['h1:/a', 'h2:/a', 'h1:/b'] }, 'EINVAL',
    'For arbiter configuration, replica count must be 3'],
  ['an arbiter without replica', { name: 'gv0', arbiterCount: 1, bricks: ['h1:/a'] }, 'EINVAL', 'For arbiter configuration'],
];

for (const [what, req, code, text] of BAD) {
  test(`volume create refuses ${what}`, () => {
    try {
      validateCreate(req, ctx);
    } catch (e) {
      assert.instance(e, FsError);
      assert.is((e as FsError).code, code);
      assert.ok((e as FsError).message.includes(text), (e as FsError).message);
      return;
    }
    assert.unreachable('expected a refusal');
  });
}

test('a plain list of bricks is a distribute volume, paths normalized', () => {
  const plan = validateCreate({ name: 'gv0', bricks: ['h1:/a/', 'h2:/a', 'h1:/b'] }, ctx);
  assert.is(plan.type, 'Distribute');
  assert.is(plan.replicaCount, 1);
  assert.equal(plan.bricks, [{ host: 'h1', path: '/a' }, { host: 'h2', path: '/a' }, { host: 'h1', path: '/b' }]);
});

test('replica 2 over four bricks is distributed-replicate; over two it is replicate', () => {
  assert.is(validateCreate({ name: 'gv0', replicaCount: 2, bricks: ['h1:/a', 'h2:/a', 'h1:/b', 'h2:/b'] }, ctx).type, 'Distributed-Replicate');
  assert.is(validateCreate({ name: 'gv0', replicaCount: 2, bricks: ['h1:/a', 'h2:/a'] }, ctx).type, 'Replicate');
});

test('force lets the replicas of a set share a server (one-machine clusters)', () => {
  const plan = validateCreate({ name: 'gv0', replicaCount: 2, bricks: ['h1:/a', 'h1:/b'], force: true }, ctx);
  assert.is(plan.type, 'Replicate');
});

test('sibling directories with a common name prefix do not count as nested', () => {
  validateCreate({ name: 'gv0', bricks: ['h1:/data/b1', 'h1:/data/b10', 'h1:/data/old2'] }, ctx);
});

test('replica 3 arbiter 1 keeps the arbiter count; plain volumes have none', () => {
  const arb = validateCreate({ name: 'gv0', replicaCount: 3, arbiterCount: 1, bricks: ['h1:/a', 'h2:/a', 'h1:/b', 'h2:/b', 'h1:/c', 'h2:/c'], force: true }, ctx);
  assert.is(arb.type, 'Distributed-Replicate');
  assert.is(arb.arbiterCount, 1);
  assert.is(validateCreate({ name: 'gv1', replicaCount: 2, bricks: ['h1:/x', 'h2:/x'] }, ctx).arbiterCount, 0);
});

test.run();
