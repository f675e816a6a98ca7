import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from '../../src/api/index.js';
import { rejectsWith } from './expect-code.js';
import { LAYOUTS, mountMemory } from './memory-volume.js';

for (const layout of LAYOUTS) {
  const test = suite(`api/xattr (${layout})`);
  let vol: Volume;
  test.before.each(async () => {
    vol = await mountMemory(layout);
    await vol.writeFile('/f', 'x');
    await vol.mkdir('/d');
  });
  test.after.each(async () => { await vol.unmount(); });

  test('user xattrs are set, read, listed and removed on files and directories', async () => {
    for (const p of ['/f', '/d']) {
      await vol.setxattr(p, 'user.color', 'blue');
      await vol.setxattr(p, 'user.bin', Buffer.from([0, 1, 2]));
      assert.is((await vol.getxattr(p, 'user.color')).toString(), 'blue');
      assert.equal([...(await vol.getxattr(p, 'user.bin'))], [0, 1, 2]);
      assert.equal(await vol.listxattr(p), ['user.bin', 'user.color']);
      await vol.removexattr(p, 'user.bin');
      assert.equal(await vol.listxattr(p), ['user.color']);
    }
  });

  test('create and replace modes keep their errnos', async () => {
    await vol.setxattr('/f', 'user.k', 'v1', 'create');
    await rejectsWith(vol.setxattr('/f', 'user.k', 'v2', 'create'), 'EEXIST');
    await rejectsWith(vol.setxattr('/f', 'user.other', 'v', 'replace'), 'ENODATA');
    await vol.setxattr('/f', 'user.k', 'v3', 'replace');
    assert.is((await vol.getxattr('/f', 'user.k')).toString(), 'v3');
  });

  test('a missing xattr is ENODATA; a missing file is ENOENT', async () => {
    await rejectsWith(vol.getxattr('/f', 'user.none'), 'ENODATA');
    await rejectsWith(vol.removexattr('/f', 'user.none'), 'ENODATA');
    await rejectsWith(vol.getxattr('/nope', 'user.x'), 'ENOENT');
  });

  test('the volume-internal trusted.* names are hidden and untouchable', async () => {
    for (const name of await vol.listxattr('/d')) assert.not.match(name, /^trusted\.(gfid|glusterfs|afr)/);
    await rejectsWith(vol.getxattr('/f', 'trusted.gfid'), 'ENODATA');
    await rejectsWith(vol.setxattr('/f', 'trusted.gfid', Buffer.alloc(16)), 'EPERM');
    await rejectsWith(vol.setxattr('/d', 'trusted.glusterfs.dht', Buffer.alloc(16)), 'EPERM');
    await rejectsWith(vol.removexattr('/d', 'trusted.glusterfs.dht'), 'EPERM');
  });

  test.run();
}
