import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from '../../src/api/index.js';
import { rejectsWith } from './expect-code.js';
import { LAYOUTS, mountMemory } from './memory-volume.js';

for (const layout of LAYOUTS) {
  const test = suite(`api/volume (${layout})`);
  let vol: Volume;
  test.before.each(async () => { vol = await mountMemory(layout); });
  test.after.each(async () => { await vol.unmount(); });

  test('a written file reads back and stats as a regular file with a GFID', async () => {
    await vol.writeFile('/hello.txt', 'hello world');
    assert.is(await vol.readFile('/hello.txt', 'utf8'), 'hello world');
    const st = await vol.stat('/hello.txt');
    assert.ok(st.isFile());
    assert.is(st.size, 11);
    assert.match(st.gfid, /^[0-9a-f-]{36}$/);
    assert.is.not(st.gfid, '00000000-0000-0000-0000-000000000000');
    assert.ok((await vol.stat('/')).isDirectory());
  });

  test('a missing path raises ENOENT naming the call and the path', async () => {
    const e = await rejectsWith(vol.stat('/missing'), 'ENOENT');
    assert.match(e.message, "stat '/missing'");
    await rejectsWith(vol.readFile('/a/b/c'), 'ENOENT');
    assert.is(await vol.exists('/missing'), false);
  });

  test('mkdir refuses an existing name, a missing parent and a file parent', async () => {
    await vol.mkdir('/d');
    await rejectsWith(vol.mkdir('/d'), 'EEXIST');
    await rejectsWith(vol.mkdir('/no/such'), 'ENOENT');
    await vol.writeFile('/f', 'x');
    await rejectsWith(vol.mkdir('/f/sub'), 'ENOTDIR');
  });

  test('readdir returns every name once, with attributes on request, across pages', async () => {
    await vol.mkdir('/many');
    const names = Array.from({ length: 45 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((n) => vol.writeFile(`/many/${n}`, n)));
    await vol.mkdir('/many/sub');
    assert.equal((await vol.readdir('/many')).sort(), [...names, 'sub']);
    const withAttrs = await vol.readdir('/many', { withAttrs: true });
    assert.ok(withAttrs.find((e) => e.name === 'sub')!.stat.isDirectory());
    assert.is(withAttrs.find((e) => e.name === 'f07')!.stat.size, 3);
    const pages: number[] = [];
    const seen = new Set<string>();
    for await (const page of vol.list('/many', { pageSize: 10 })) {
      pages.push(page.length);
      for (const e of page) seen.add(e.name);
    }
    assert.is(seen.size, 46);
    assert.ok(pages.length >= 5, `expected several pages, got ${pages.join(',')}`);
    let n = 0;
    for await (const _e of vol.opendir('/many')) n++;
    assert.is(n, 46);
    await rejectsWith(vol.readdir('/many/f01'), 'ENOTDIR');
    await rejectsWith(vol.readdir('/nope'), 'ENOENT');
  });

  test('open honours create, exclusive, truncate and append flags', async () => {
    await rejectsWith(vol.open('/x'), 'ENOENT');
    const w = await vol.open('/x', 'w');
    await w.write('abcdef');
    await w.close();
    await rejectsWith(vol.open('/x', 'wx'), 'EEXIST');
    const t = await vol.open('/x', 'w');
    await t.write('12');
    await t.close();
    assert.is(await vol.readFile('/x', 'utf8'), '12');
    const a = await vol.open('/x', 'a');
    await a.write('34');
    await a.write('56');
    await a.close();
    assert.is(await vol.readFile('/x', 'utf8'), '123456');
    await vol.mkdir('/dir');
    await rejectsWith(vol.open('/dir'), 'EISDIR');
    await rejectsWith(vol.open('/dir', 'w'), 'EISDIR');
  });

  test('file handles read and write by position and by cursor, and refuse the wrong mode', async () => {
    const fh = await vol.open('/p', 'w+');
    await fh.pwrite(Buffer.from('world'), 6);
    await fh.pwrite('hello ', 0);
    assert.is((await fh.pread(11, 0)).toString(), 'hello world');
    const into = Buffer.alloc(5);
    assert.is(await fh.pread(into, 6), 5);
    assert.is(into.toString(), 'world');
    assert.is((await fh.pread(10, 100)).length, 0);
    assert.is((await fh.read(5)).toString(), 'hello');
    assert.is(fh.position, 5);
    await fh.truncate(5);
    assert.is((await fh.stat()).size, 5);
    await fh.fsync();
    await fh.close();
    await fh.close();
    await rejectsWith(fh.read(), 'EBADF');
    const r = await vol.open('/p', 'r');
    await rejectsWith(r.write('no'), 'EBADF');
    await r.close();
  });

  test('truncate grows with zeros and shrinks', async () => {
    await vol.writeFile('/t', 'abc');
    await vol.truncate('/t', 6);
    assert.equal([...(await vol.readFile('/t'))], [97, 98, 99, 0, 0, 0]);
    await vol.truncate('/t', 1);
    assert.is(await vol.readFile('/t', 'utf8'), 'a');
    await vol.mkdir('/td');
    await rejectsWith(vol.truncate('/td', 0), 'EISDIR');
  });

  test('writeFile options: exclusive, no-create, append', async () => {
    await vol.writeFile('/w', 'one', { exclusive: true });
    await rejectsWith(vol.writeFile('/w', 'two', { exclusive: true }), 'EEXIST');
    await rejectsWith(vol.writeFile('/nofile', 'x', { create: false }), 'ENOENT');
    await vol.writeFile('/w', '+more', { append: true });
    assert.is(await vol.readFile('/w', 'utf8'), 'one+more');
    await vol.writeFile('/w', 'x', { create: false });
    assert.is(await vol.readFile('/w', 'utf8'), 'x');
  });

  test('rename moves, replaces files, and refuses a non-empty target directory', async () => {
    await vol.writeFile('/a', 'A');
    await vol.writeFile('/b', 'B');
    await vol.rename('/a', '/b');
    assert.is(await vol.readFile('/b', 'utf8'), 'A');
    assert.is(await vol.exists('/a'), false);
    await vol.mkdir('/src');
    await vol.writeFile('/src/in', 'i');
    await vol.mkdir('/dst');
    await vol.rename('/src', '/dst');
    assert.is(await vol.readFile('/dst/in', 'utf8'), 'i');
    await vol.mkdir('/other');
    await rejectsWith(vol.rename('/other', '/dst'), 'ENOTEMPTY');
    await rejectsWith(vol.rename('/gone', '/x'), 'ENOENT');
  });

  test('unlink, rmdir and link keep POSIX errors', async () => {
    await vol.mkdir('/d');
    await vol.writeFile('/d/f', 'x');
    await rejectsWith(vol.unlink('/d'), 'EISDIR');
    await rejectsWith(vol.rmdir('/d'), 'ENOTEMPTY');
    await rejectsWith(vol.rmdir('/d/f'), 'ENOTDIR');
    await vol.link('/d/f', '/d/g');
    assert.is((await vol.stat('/d/g')).gfid, (await vol.stat('/d/f')).gfid);
    await vol.unlink('/d/f');
    await vol.unlink('/d/g');
    await rejectsWith(vol.unlink('/d/f'), 'ENOENT');
    await vol.rmdir('/d');
    assert.is(await vol.exists('/d'), false);
  });

  test('setattr changes mode bits and times', async () => {
    await vol.writeFile('/m', 'x', { mode: 0o600 });
    assert.is((await vol.stat('/m')).mode & 0o7777, 0o600);
    const st = await vol.setattr('/m', { mode: 0o640, mtimeMs: 1_000_000 });
    assert.is(st.mode & 0o7777, 0o640);
    assert.is((await vol.stat('/m')).mtimeMs, 1_000_000);
  });

  test('statfs reports sizes', async () => {
    const s = await vol.statfs();
    assert.ok(s.blocks > 0 && s.bsize > 0 && s.bavail <= s.blocks);
  });

  test('after unmount every call is ENOTCONN', async () => {
    await vol.unmount();
    await rejectsWith(vol.stat('/'), 'ENOTCONN');
  });

  test.run();
}
