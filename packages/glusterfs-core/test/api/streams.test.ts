import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from '../../src/api/index.js';
import { rejectsWith } from './expect-code.js';
import { LAYOUTS, mountMemory } from './memory-volume.js';

const MiB = 1 << 20;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Feeds `data` in pieces of awkward sizes, as a socket or a file reader would. */
function oddChunks(data: Buffer): Readable {
  const sizes = [1, 4095, 65536, 1_000_003, 7, 3 * MiB + 5];
  return Readable.from((function* () {
    for (let at = 0, i = 0; at < data.length; i++) {
      const n = sizes[i % sizes.length];
      yield data.subarray(at, at + n);
      at += n;
    }
  })());
}

async function drain(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

for (const layout of LAYOUTS) {
  const test = suite(`api/streams (${layout})`);
  let vol: Volume;
  const data = randomBytes(24 * MiB + 12345);
  test.before.each(async () => { vol = await mountMemory(layout); });
  test.after.each(async () => { await vol.unmount(); });

  test('24 MiB written through a write stream reads back byte-identical through a read stream', async () => {
    await pipeline(oddChunks(data), vol.createWriteStream('/big.bin'));
    assert.is((await vol.stat('/big.bin')).size, data.length);
    assert.is(sha(await drain(vol.createReadStream('/big.bin'))), sha(data));
    assert.is(sha(await vol.readFile('/big.bin')), sha(data));
    assert.is(sha(await drain(vol.createReadStream('/big.bin', { highWaterMark: 100_000 }))), sha(data));
  });

  test('read streams honour start and inclusive end', async () => {
    await vol.writeFile('/r', data);
    const slice = await drain(vol.createReadStream('/r', { start: MiB - 10, end: 3 * MiB + 9 }));
    assert.is(slice.length, 2 * MiB + 20);
    assert.ok(slice.equals(data.subarray(MiB - 10, 3 * MiB + 10)));
    assert.is((await drain(vol.createReadStream('/r', { start: data.length + 5 }))).length, 0);
  });

  test('large positional reads and writes span many chunks', async () => {
    const fh = await vol.open('/pos', 'w+');
    await fh.pwrite(data.subarray(0, 9 * MiB), 100);
    const back = await fh.pread(9 * MiB + 500, 100);
    await fh.close();
    assert.is(back.length, 9 * MiB);
    assert.ok(back.equals(data.subarray(0, 9 * MiB)));
  });

  test('an empty stream creates an empty file; append streams add to the end', async () => {
    await pipeline(Readable.from([]), vol.createWriteStream('/empty'));
    assert.is((await vol.stat('/empty')).size, 0);
    await vol.writeFile('/log', 'one\n');
    await pipeline(Readable.from([Buffer.from('two\n')]), vol.createWriteStream('/log', { flags: 'a' }));
    assert.is(await vol.readFile('/log', 'utf8'), 'one\ntwo\n');
  });

  test('stream errors carry errnos', async () => {
    await rejectsWith(drain(vol.createReadStream('/missing')), 'ENOENT');
    await vol.writeFile('/exists', 'x');
    await rejectsWith(pipeline(Readable.from([Buffer.from('y')]), vol.createWriteStream('/exists', { flags: 'wx' })), 'EEXIST');
    assert.is(await vol.readFile('/exists', 'utf8'), 'x');
    await rejectsWith(pipeline(Readable.from([Buffer.from('y')]), vol.createWriteStream('/no/dir/f')), 'ENOENT');
  });

  test('destroying a read stream early releases the file', async () => {
    await vol.writeFile('/early', data);
    const r = vol.createReadStream('/early');
    for await (const _c of r) break;
    assert.ok(r.destroyed);
    await vol.unlink('/early');
  });

  test.run();
}
