import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { blockIdOf, decodeBlockTokenIdentifier } from '../../src/blocks/index.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';
import { blockRange, GENERATION_STAMP, indexOfBlockId, locatedBlock } from '../../src/namespace/blocks.js';
import { BLOCK, openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

const B = 100;
const GFID = '0c6f4d2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const DN = [{ ip: '10.0.0.1', hostName: 'h1', xferPort: 9866, infoPort: 9864, ipcPort: 0, uuid: '10.0.0.1:9866' }];

const p = suite('namespace/blocks (pure)');

p('blockRange: exact multiples, partial last block, empty file, ranges inside and past the end', () => {
  const cases: [number, number, number, number[]][] = [
    // [fileLength, offset, length, indices]
    [0, 0, 1000, []],
    [300, 0, 300, [0, 1, 2]],
    [300, 0, Number.MAX_SAFE_INTEGER, [0, 1, 2]],
    [301, 0, 1000, [0, 1, 2, 3]],
    [250, 0, 250, [0, 1, 2]],
    [300, 99, 2, [0, 1]],
    [300, 100, 100, [1]],
    [300, 150, 0, [1]],
    [300, 299, 1, [2]],
    [300, 300, 10, []],
    [300, 1000, 10, []],
    [50, 0, 1, [0]],
  ];
  for (const [len, off, n, want] of cases) assert.equal(blockRange(len, B, off, n), want, `${len} ${off} ${n}`);
});

p('locatedBlock: offsets and lengths for full, partial and past-the-end blocks', () => {
  const cases: [number, number, number, number][] = [
    // [index, fileLength, offset, length]
    [0, 300, 0, 100], [2, 300, 200, 100], [2, 250, 200, 50], [3, 300, 300, 0], [0, 0, 0, 0], [5, 250, 500, 0],
  ];
  for (const [i, len, off, n] of cases) {
    const b = locatedBlock(TEST_TOKENS, { user: U.alice, modes: ['READ'] }, { path: '/f', gfid: GFID, blockSize: B, length: len }, i, DN);
    assert.is(b.offset, off, `offset of ${i}`);
    assert.is(b.length, n, `length of ${i}`);
    assert.equal(b.ref, { path: '/f', gfid: GFID, index: i, blockSize: B });
    assert.is(b.blockId, blockIdOf(GFID, i));
    assert.is(b.generationStamp, GENERATION_STAMP);
    assert.equal(b.locations, DN);
    const id = decodeBlockTokenIdentifier(b.token.identifier);
    assert.equal([id.userId, id.modes, id.blockId, id.ref], ['alice', ['READ'], b.blockId, b.ref], 'the token names the user, block and range');
  }
});

p('blockIdOf and indexOfBlockId round-trip; files differ, indices differ', () => {
  for (const i of [0, 1, 2, 255, 4096, 0xffffff]) assert.is(indexOfBlockId(blockIdOf(GFID, i)), i);
  const other = '00000000-0000-0000-0000-0000000000ff';
  assert.is.not(blockIdOf(GFID, 0), blockIdOf(other, 0));
  assert.is.not(blockIdOf(GFID, 0), blockIdOf(GFID, 1));
  assert.is(blockIdOf(GFID, 7) >> 24n, blockIdOf(GFID, 9) >> 24n);
  assert.ok(blockIdOf('ffffffff-ffff-ffff-ffff-ffffffffffff', 0xffffff) < 2n ** 63n, 'ids fit a Java long');
});

const n = suite<{ f: Fixture }>('namespace/blocks through blockLocations');
let f: Fixture;
n.before(async () => {
  f = await openFixture();
  await writeFile(f.ns, U.root, '/exact', 2 * BLOCK);
  await writeFile(f.ns, U.root, '/partial', 2 * BLOCK + 10);
  await writeFile(f.ns, U.root, '/empty', 0);
  await writeFile(f.ns, U.root, '/private', 10, 0o600);
});
n.after(async () => f.close());

n('an exact multiple of the block size: full blocks, the last one complete', async () => {
  const l = await f.ns.blockLocations(U.root, '/exact', 0, Number.MAX_SAFE_INTEGER);
  assert.is(l.fileLength, 2 * BLOCK);
  assert.equal(l.blocks.map((b) => [b.ref.index, b.offset, b.length]), [[0, 0, BLOCK], [1, BLOCK, BLOCK]]);
  assert.equal([l.lastBlock!.ref.index, l.lastBlock!.offset, l.lastBlock!.length], [1, BLOCK, BLOCK]);
  assert.is(l.underConstruction, false);
  assert.is(l.isLastBlockComplete, true);
  assert.ok(l.blocks.every((b) => b.locations.length >= 1));
});

n('a partial last block, and a range inside the file', async () => {
  const l = await f.ns.blockLocations(U.root, '/partial', 0, Number.MAX_SAFE_INTEGER);
  assert.equal(l.blocks.map((b) => [b.ref.index, b.offset, b.length]), [[0, 0, BLOCK], [1, BLOCK, BLOCK], [2, 2 * BLOCK, 10]]);
  assert.is(l.lastBlock!.length, 10);
  const mid = await f.ns.blockLocations(U.root, '/partial', BLOCK + 1, 10);
  assert.equal(mid.blocks.map((b) => b.ref.index), [1]);
  assert.is(mid.lastBlock!.ref.index, 2, 'lastBlock is the file\'s, not the range\'s');
  const past = await f.ns.blockLocations(U.root, '/partial', 10 * BLOCK, 10);
  assert.equal(past.blocks, []);
  const ids = l.blocks.map((b) => indexOfBlockId(b.blockId));
  assert.equal(ids, [0, 1, 2]);
});

n('an empty file has no blocks and no last block', async () => {
  const l = await f.ns.blockLocations(U.root, '/empty', 0, 100);
  assert.is(l.fileLength, 0);
  assert.equal(l.blocks, []);
  assert.is(l.lastBlock, undefined);
});

n('a directory or a missing file is ENOENT; no read permission is EACCES', async () => {
  await rejects(f.ns.blockLocations(U.root, '/', 0, 1), 'ENOENT');
  await rejects(f.ns.blockLocations(U.root, '/none', 0, 1), 'ENOENT');
  await rejects(f.ns.blockLocations(U.alice, '/private', 0, 1), 'EACCES', /access=READ/);
});

p.run();
n.run();
