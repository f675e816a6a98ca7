import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeFileChecksum } from '../../src/webhdfs/file-checksum.js';
import { BLOCK, memoryVolume, testNamespace, U, writeFile } from '../namespace/fixture.js';

test('GETFILECHECKSUM covers every block even when one getBlockLocations answer is capped', async () => {
  const vol = await memoryVolume();
  const whole = testNamespace(vol);
  const capped = testNamespace(vol, { limits: { maxBlocksPerCall: 2 } });
  try {
    await writeFile(whole, U.root, '/five', 4 * BLOCK + 100);
    assert.is((await capped.blockLocations(U.root, '/five', 0, Number.MAX_SAFE_INTEGER)).blocks.length, 2, 'the cap applies');
    const want = await computeFileChecksum(whole, vol, U.root, '/five');
    assert.equal(await computeFileChecksum(capped, vol, U.root, '/five'), want);
    assert.match(want.algorithm, /^MD5-of-\d+MD5-of-512CRC32C$/);
  } finally {
    whole.close();
    capped.close();
    await vol.graph.close();
  }
});

test.run();
