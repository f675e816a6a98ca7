import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePortBase } from '../support/cluster.js';
import { glusterAt, startGlusterd, stopServers, type GlusterServer } from '../support/servers.js';
import { hdfs, startShim, type TestShim } from '../support/hdfs.js';

// Two servers (glusterd on 127.0.0.1 and 127.0.0.2, joined by peer probe), a shim on each: the
// namenode on the first, a datanode on both, on the same datanode ports as HDFS configures
// them. Block locations must name the datanodes of the servers whose bricks hold the file, and
// a client must fail over to the next location when the first datanode is gone.
const test = suite('e2e/hdfs-locality');
const BLOCK = 256 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let home = '';
let base = 0;
const servers: GlusterServer[] = [];
const shims: TestShim[] = [];

const gluster = (...args: string[]): Promise<string> => glusterAt(`127.0.0.1:${base}`, ...args);

/** Block locations as WebHDFS's GET_BLOCK_LOCATIONS reports them: `ip:xferPort` per block. */
async function locations(path: string): Promise<string[][]> {
  const r = await fetch(`http://${shims[0].webhdfs}/webhdfs/v1${path}?op=GET_BLOCK_LOCATIONS&user.name=root`);
  const body = await r.json() as { LocatedBlocks: { locatedBlocks: { locations: { ipAddr: string; xferPort: number }[] }[] } };
  return body.LocatedBlocks.locatedBlocks.map((b) => b.locations.map((l) => `${l.ipAddr}:${l.xferPort}`));
}

const brick = (name: string) => join(home, 'bricks', name);

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-locality-'));
  base = await freePortBase(60);
  servers.push(await startGlusterd(home, '127.0.0.1', base), await startGlusterd(home, '127.0.0.2', base + 15));
  await gluster('peer', 'probe', `127.0.0.2:${base + 15}`);
  // The replica on 127.0.0.2 comes first, so it is the first location a client tries.
  await gluster('volume', 'create', 'lv', 'replica', '2', `127.0.0.2:${brick('r2')}`, `127.0.0.1:${brick('r1')}`, 'force');
  await gluster('volume', 'start', 'lv');
  const ports = { namenode: base + 40, webhdfs: base + 41, datanode: base + 42, datanodeHttp: base + 43 };
  shims.push(await startShim({ volumeSpec: `127.0.0.1:${base}/lv` }, { host: '127.0.0.1', ports, blockSize: '256k' }));
  shims.push(await startShim({ volumeSpec: `127.0.0.2:${base + 15}/lv` }, { host: '127.0.0.2', ports, namenode: false }));
});

test.after(async () => {
  for (const s of shims) await s.stop();
  await stopServers(servers);
  rmSync(home, { recursive: true, force: true });
});

test('each block is located on the datanodes of both servers holding a replica, in replica order', async () => {
  const data = randomBytes(3 * BLOCK + 100);
  const put = await hdfs(shims[0], ['put', '-', '/f.bin'], { input: data });
  assert.is(put.code, 0, put.err);
  assert.ok(existsSync(join(brick('r1'), 'f.bin')) && existsSync(join(brick('r2'), 'f.bin')));
  const dn = base + 42;
  assert.equal(await locations('/f.bin'), Array.from({ length: 4 }, () => [`127.0.0.2:${dn}`, `127.0.0.1:${dn}`]));
  const cat = await hdfs(shims[0], ['cat', '/f.bin']);
  assert.is(cat.code, 0, cat.err);
  assert.is(sha(cat.stdout), sha(data));
});

test('with the first location\'s datanode gone, the client reads every block from the other server', async () => {
  const data = randomBytes(2 * BLOCK + 7);
  const put = await hdfs(shims[0], ['put', '-', '/g.bin'], { input: data });
  assert.is(put.code, 0, put.err);
  shims[1].child.kill('SIGKILL');
  await new Promise((r) => shims[1].child.once('exit', r));
  const cat = await hdfs(shims[0], ['cat', '/g.bin']);
  assert.is(cat.code, 0, cat.err);
  assert.is(sha(cat.stdout), sha(data));
  const sum = await hdfs(shims[0], ['checksum', '/g.bin']);
  assert.is(sum.code, 0, sum.err);
});

test.run();
