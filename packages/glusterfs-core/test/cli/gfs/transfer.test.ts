import { constants as O, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolfile, type Volume } from '../../../src/api/index.js';
import { uploadFile } from '../../../src/cli/gfs/transfer.js';
import { FsError } from '../../../src/errors/index.js';
import { createCtx, createFd, type Fops } from '../../../src/fop/index.js';
import { newGfid } from '../../../src/format/index.js';

const test = suite('cli/gfs/transfer');

/** One memory brick; with `failWrites`, every write fop fails with ENOSPC (reads still work). */
function mount(failWrites: boolean): Promise<Volume> {
  return mountVolfile(JSON.stringify({
    volume: 'tv', top: 'tv-err',
    nodes: [
      { name: 'tv-err', type: 'debug/error-gen', options: { enable: 'write', failure: failWrites ? 100 : 0, 'error-no': 'ENOSPC' }, children: ['tv-m0'] },
      { name: 'tv-m0', type: 'storage/memory' },
    ],
  }));
}

/** Writes a file straight on the memory brick, below the fault injection. */
async function plant(vol: Volume, path: string, data: string): Promise<void> {
  const brick = vol.graph.xlators.get('tv-m0')!.fops as Fops;
  const ctx = createCtx();
  const fd = createFd(path, O.O_WRONLY, false, newGfid());
  await brick.create(ctx, { path, gfid: fd.gfid }, O.O_WRONLY | O.O_CREAT, 0o644, fd);
  await brick.write(ctx, fd, Buffer.from(data), 0);
  await brick.release(ctx, fd);
}

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: FsError) => e.code);

test('a failed put -f leaves the old contents readable and no temporary file behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'transfer-'));
  const vol = await mount(true);
  try {
    writeFileSync(join(dir, 'new.txt'), 'new contents');
    await plant(vol, '/a', 'old contents');
    assert.is(await code(uploadFile(vol, join(dir, 'new.txt'), '/a', 12, true)), 'ENOSPC');
    assert.is(await vol.readFile('/a', 'utf8'), 'old contents', 'the failed upload did not touch the file');
    assert.equal(await vol.readdir('/'), ['a'], 'no temporary file left');
  } finally {
    await vol.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed put without -f leaves no half file under the name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'transfer-'));
  const vol = await mount(true);
  try {
    writeFileSync(join(dir, 'new.txt'), 'new contents');
    assert.is(await code(uploadFile(vol, join(dir, 'new.txt'), '/fresh', 12, false)), 'ENOSPC');
    assert.equal(await vol.readdir('/'), [], 'nothing left behind');
  } finally {
    await vol.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('put without -f refuses an existing file and keeps it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'transfer-'));
  const vol = await mount(false);
  try {
    writeFileSync(join(dir, 'a'), 'A');
    await vol.writeFile('/a', 'old');
    assert.is(await code(uploadFile(vol, join(dir, 'a'), '/a', 1, false)), 'EEXIST');
    assert.is(await vol.readFile('/a', 'utf8'), 'old');
    await uploadFile(vol, join(dir, 'a'), '/b', 1, false);
    assert.is(await vol.readFile('/b', 'utf8'), 'A');
  } finally {
    await vol.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
