import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from '../../src/api/index.js';
import { FsError } from '../../src/errors/index.js';
import { rejectsWith } from './expect-code.js';
import { LAYOUTS, mountMemory } from './memory-volume.js';

for (const layout of LAYOUTS) {
  const test = suite(`api/tree (${layout})`);
  let vol: Volume;
  test.before.each(async () => { vol = await mountMemory(layout); });
  test.after.each(async () => { await vol.unmount(); });

  test('mkdir -p creates every missing parent and accepts existing ones', async () => {
    await vol.mkdir('/a/b/c/d', { recursive: true });
    assert.ok((await vol.stat('/a/b/c/d')).isDirectory());
    await vol.mkdir('/a/b/c/d', { recursive: true });
    await vol.mkdir('/a/b/x', { recursive: true, mode: 0o700 });
    assert.is((await vol.stat('/a/b/x')).mode & 0o777, 0o700);
    await vol.mkdir('/', { recursive: true });
  });

  test('mkdir -p refuses a file in the way', async () => {
    await vol.writeFile('/file', 'x');
    await rejectsWith(vol.mkdir('/file', { recursive: true }), 'EEXIST');
    await rejectsWith(vol.mkdir('/file/sub/deeper', { recursive: true }), 'ENOTDIR');
  });

  test('concurrent mkdir -p of overlapping paths all succeed', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => vol.mkdir(`/c/shared/p${i % 4}/q${i}`, { recursive: true })));
    assert.equal((await vol.readdir('/c/shared')).sort(), ['p0', 'p1', 'p2', 'p3']);
  });

  test('rm -r stops between steps once its signal aborts, with the abort\'s reason', async () => {
    await vol.mkdir('/stop/d', { recursive: true });
    await Promise.all(Array.from({ length: 40 }, (_, f) => vol.writeFile(`/stop/d/f${f}`, 'x')));
    await rejectsWith(vol.rm('/stop', { recursive: true, signal: AbortSignal.abort() }), 'ECANCELED');
    assert.is((await vol.readdir('/stop/d')).length, 40, 'an aborted walk removes nothing more');
    const ctl = new AbortController();
    const removing = vol.rm('/stop', { recursive: true, signal: ctl.signal });
    ctl.abort(new FsError('ETIMEDOUT', 'the call ran out of time'));
    await rejectsWith(removing, 'ETIMEDOUT');
    assert.ok(await vol.exists('/stop'), 'the walk stopped before the top directory');
  });

  test('rm -r removes a whole tree', async () => {
    for (let d = 0; d < 5; d++) {
      await vol.mkdir(`/tree/d${d}/deep`, { recursive: true });
      await Promise.all(Array.from({ length: 60 }, (_, f) => vol.writeFile(`/tree/d${d}/f${f}`, `${d}/${f}`)));
      await vol.writeFile(`/tree/d${d}/deep/leaf`, 'leaf');
    }
    await vol.symlink('/tree/d0', '/tree/link');
    await vol.rm('/tree', { recursive: true });
    assert.is(await vol.exists('/tree'), false);
    assert.equal(await vol.readdir('/'), []);
  });

  test('rm keeps POSIX errors unless forced', async () => {
    await vol.mkdir('/d');
    await rejectsWith(vol.rm('/d'), 'EISDIR');
    await rejectsWith(vol.rm('/missing'), 'ENOENT');
    await vol.rm('/missing', { force: true });
    await vol.writeFile('/d/f', 'x');
    await vol.rm('/d/f');
    await vol.rm('/d', { recursive: true });
    assert.is(await vol.exists('/d'), false);
  });

  test('rm of a symlink to a directory removes the link, not the target', async () => {
    await vol.mkdir('/real');
    await vol.writeFile('/real/keep', 'k');
    await vol.symlink('real', '/alias');
    await vol.rm('/alias', { recursive: true });
    assert.is(await vol.readFile('/real/keep', 'utf8'), 'k');
    assert.is(await vol.exists('/alias'), false);
  });

  test.run();
}
