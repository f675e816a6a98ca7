import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolfile, type Volume } from '../../src/api/index.js';
import { startBrick, type Brick } from '../../src/brick/index.js';
import { silentLogger } from '../../src/log/index.js';
import { rejectsWith } from './expect-code.js';

// A real brick (storage/posix on a temp dir, served over the fop RPC with its task service)
// mounted through protocol/client: the path `gfs du` takes, in one process.
const test = suite('api/run-task');
let dir = '';
let brick: Brick;
let vol: Volume;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'api-task-brick-'));
  brick = await startBrick({
    volfileText: JSON.stringify({ volume: 'tv', top: 'posix', nodes: [{ name: 'posix', type: 'storage/posix', options: { directory: dir } }] }),
    brick: { path: dir, volume: 'tv', subvolume: 'tv-client-0' },
    tasks: [],
    host: '127.0.0.1',
    port: 0,
    log: silentLogger(),
  });
  vol = await mountVolfile(JSON.stringify({
    volume: 'tv', top: 'tv-client-0',
    nodes: [{ name: 'tv-client-0', type: 'protocol/client', options: { 'remote-host': '127.0.0.1', 'brick-port': brick.port } }],
  }));
});

test.after(async () => {
  await vol?.unmount();
  await brick?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('du runs on the brick and matches what was written through the API', async () => {
  await vol.mkdir('/data/sub', { recursive: true });
  await vol.writeFile('/data/a', Buffer.alloc(1000));
  await vol.writeFile('/data/sub/b', Buffer.alloc(2500));
  await vol.writeFile('/top', Buffer.alloc(7));
  await vol.symlink('data', '/alias');
  assert.equal(await vol.du('/data'), { bytes: 3500, files: 2, dirs: 2 });
  assert.equal(await vol.du('/alias'), { bytes: 3500, files: 2, dirs: 2 });
  assert.equal([...(await vol.duChildren('/data'))], [['a', 1000], ['sub', 2500]]);
  assert.equal((await vol.du('/')).bytes, 3507);
  await rejectsWith(vol.du('/missing'), 'ENOENT');
});

test('runTask returns one result per brick and streams nothing for du', async () => {
  const chunks: unknown[] = [];
  const r = await vol.runTask('du', { path: '/', summary: false }, { onChunk: (c) => chunks.push(c) });
  assert.is(r.length, 1);
  assert.equal(r[0], { data: 3500, top: 7, alias: 0 });
  assert.is(chunks.length, 0);
});

test('an unknown task is EINVAL from the brick', async () => {
  await rejectsWith(vol.runTask('no-such-task', {}), 'EINVAL');
});

test('a volume with a dead brick still mounts, and a task needing that brick is ENOTCONN', async () => {
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise((r) => dead.close(r));
  const client = (name: string, port: number) =>
    ({ name, type: 'protocol/client', options: { 'remote-host': '127.0.0.1', 'brick-port': port } });
  const t0 = Date.now();
  const degraded = await mountVolfile(JSON.stringify({
    volume: 'tv', top: 'tv-dht',
    nodes: [
      { name: 'tv-dht', type: 'cluster/dht', children: ['tv-client-0', 'tv-client-1'] },
      client('tv-client-0', brick.port), client('tv-client-1', deadPort),
    ],
  }), { timeoutMs: 5000 });
  try {
    assert.ok(Date.now() - t0 < 4000, 'mount waited for the dead brick until the timeout');
    await rejectsWith(degraded.runTask('du', { path: '/', summary: true }), 'ENOTCONN');
  } finally {
    await degraded.unmount();
  }
});

test('a volume with no live brick fails to mount with ENOTCONN', async () => {
  await rejectsWith(mountVolfile(JSON.stringify({
    volume: 'tv', top: 'c',
    nodes: [{ name: 'c', type: 'protocol/client', options: { 'remote-host': '127.0.0.1', 'brick-port': 1 } }],
  }), { timeoutMs: 300 }), 'ENOTCONN');
});

test.run();
