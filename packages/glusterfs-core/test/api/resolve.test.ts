import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from '../../src/api/index.js';
import { rejectsWith } from './expect-code.js';
import { LAYOUTS, mountMemory } from './memory-volume.js';

for (const layout of LAYOUTS) {
  const test = suite(`api/resolve (${layout})`);
  let vol: Volume;
  test.before.each(async () => {
    vol = await mountMemory(layout);
    await vol.mkdir('/dir/sub', { recursive: true });
    await vol.writeFile('/dir/sub/file', 'content');
  });
  test.after.each(async () => { await vol.unmount(); });

  test('stat follows a final symlink, lstat does not, readlink returns the stored target', async () => {
    await vol.symlink('dir/sub/file', '/rel');
    assert.ok((await vol.stat('/rel')).isFile());
    assert.ok((await vol.lstat('/rel')).isSymbolicLink());
    assert.is(await vol.readlink('/rel'), 'dir/sub/file');
    assert.is(await vol.readFile('/rel', 'utf8'), 'content');
    await rejectsWith(vol.readlink('/dir'), 'EINVAL');
  });

  test('absolute targets resolve inside the volume, and .. never climbs above its root', async () => {
    await vol.symlink('/dir/sub', '/abs');
    assert.is(await vol.readFile('/abs/file', 'utf8'), 'content');
    await vol.symlink('../../../../dir/sub/file', '/dir/sub/up');
    assert.is(await vol.readFile('/dir/sub/up', 'utf8'), 'content');
  });

  test('symlinked directories work as path components for reads and for creates', async () => {
    await vol.symlink('dir', '/d');
    assert.equal((await vol.readdir('/d/sub')).sort(), ['file']);
    await vol.writeFile('/d/sub/new', 'via link');
    assert.is(await vol.readFile('/dir/sub/new', 'utf8'), 'via link');
    await vol.mkdir('/d/made');
    assert.ok((await vol.stat('/dir/made')).isDirectory());
    await vol.unlink('/d/sub/new');
    assert.is(await vol.exists('/dir/sub/new'), false);
  });

  test('dangling links and loops fail cleanly', async () => {
    await vol.symlink('/nowhere', '/dangling');
    await rejectsWith(vol.stat('/dangling'), 'ENOENT');
    assert.ok((await vol.lstat('/dangling')).isSymbolicLink());
    await vol.symlink('/loop-b', '/loop-a');
    await vol.symlink('/loop-a', '/loop-b');
    await rejectsWith(vol.stat('/loop-a'), 'ELOOP');
    await rejectsWith(vol.readFile('/loop-a/x'), 'ELOOP');
  });

  test('a file used as a directory is ENOTDIR', async () => {
    await rejectsWith(vol.stat('/dir/sub/file/x'), 'ENOTDIR');
  });

  test.run();
}
