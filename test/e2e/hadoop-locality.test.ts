import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isLinkFile } from '../support/brick-inspect.js';
import { freePortBase } from '../support/cluster.js';
import { HadoopShell } from '../support/hadoop.js';
import { startShim, type TestShim } from '../support/hdfs.js';
import { glusterAt, startGlusterd, stopServers, type GlusterServer } from '../support/servers.js';

// Deliver 5 of #11: locality for real schedulers. Two servers (glusterd on 127.0.0.1 and
// 127.0.0.2, joined by peer probe), a shim on each (the namenode on the first), and a 2 x 2
// replica-2 volume whose replica sets each have one brick on each server, in opposite orders.
// Hadoop's own Java client must see, for every block, the hosts whose bricks hold it in
// replica order: through getFileBlockLocations, and through MapReduce's input splits
// (FileInputFormat.getSplits over listLocatedStatus), which is what a scheduler places map
// tasks by.
const test = suite('e2e/hadoop-locality');
const MB = 2 ** 20;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let home = '';
let base = 0;
const servers: GlusterServer[] = [];
const shims: TestShim[] = [];
let java: HadoopShell;

const gluster = (...args: string[]): Promise<string> => glusterAt(`127.0.0.1:${base}`, ...args);

const brick = (name: string) => join(home, 'bricks', name);
/** Each replica set's bricks in replica order, with the server each is on. */
const SETS = [
  [{ host: '127.0.0.2', name: 'a2' }, { host: '127.0.0.1', name: 'a1' }],
  [{ host: '127.0.0.1', name: 'b1' }, { host: '127.0.0.2', name: 'b2' }],
];

/** The hosts a block of `name` (a file in the volume root) must be located on: its replica set's servers, in order. */
function expectedHosts(name: string): string {
  // Data, not the zero-byte link file DHT leaves where a renamed name hashes (put writes NAME._COPYING_ first).
  const holds = (b: string) => existsSync(join(brick(b), name)) && !isLinkFile(join(brick(b), name));
  const sets = SETS.filter((set) => set.every((b) => holds(b.name)));
  assert.is(sets.length, 1, `${name}'s data is on exactly one replica set, on both of its bricks`);
  return sets[0].map((b) => b.host).join(',');
}

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-hadoop-locality-'));
  base = await freePortBase(60);
  servers.push(await startGlusterd(home, '127.0.0.1', base), await startGlusterd(home, '127.0.0.2', base + 15));
  await gluster('peer', 'probe', `127.0.0.2:${base + 15}`);
  await gluster('volume', 'create', 'lv', 'replica', '2', ...SETS.flat().map((b) => `${b.host}:${brick(b.name)}`), 'force');
  await gluster('volume', 'start', 'lv');
  const ports = { namenode: base + 40, webhdfs: base + 41, datanode: base + 42, datanodeHttp: base + 43 };
  shims.push(await startShim({ volumeSpec: `127.0.0.1:${base}/lv` }, { host: '127.0.0.1', ports, blockSize: '1m' }));
  shims.push(await startShim({ volumeSpec: `127.0.0.2:${base + 15}/lv` }, { host: '127.0.0.2', ports, namenode: false }));
  java = new HadoopShell(`hdfs://${shims[0].namenode}`, { 'dfs.blocksize': MB });
});

test.after(async () => {
  await java?.close();
  for (const s of shims) await s.stop();
  await stopServers(servers);
  rmSync(home, { recursive: true, force: true });
});

// Files of 2.5 blocks under enough names that both replica sets hold some.
const FILES = Array.from({ length: 6 }, (_, i) => `f${i}.txt`);
const SIZE = 2 * MB + MB / 2;
const data = new Map<string, Buffer>();

test('getFileBlockLocations names, for every block, the servers of its replica set in replica order', async () => {
  for (const name of FILES) {
    const bytes = Buffer.from(randomBytes(SIZE / 2).toString('hex'));
    data.set(name, bytes);
    writeFileSync(join(home, name), bytes);
  }
  const put = await java.fs('-put', ...FILES.map((n) => join(home, n)), '/');
  assert.is(put.code, 0, put.err);
  const hostOrders = new Set<string>();
  for (const name of FILES) {
    const hosts = expectedHosts(name);
    hostOrders.add(hosts);
    const loc = await java.run('locations', `/${name}`);
    assert.is(loc.code, 0, loc.err);
    assert.is(loc.out, [0, 1, 2].map((i) => `${i * MB} ${Math.min(MB, SIZE - i * MB)} ${hosts}\n`).join(''), name);
  }
  assert.is(hostOrders.size, 2, 'the files landed on both replica sets (both orders were checked)');
});

test('MapReduce input splits (FileInputFormat over listLocatedStatus) carry the same hosts, one split per block', async () => {
  const r = await java.run('splits', '/');
  assert.is(r.code, 0, r.err);
  const expected = FILES.flatMap((name) => [0, 1, 2].map((i) => `/${name} ${i * MB} ${Math.min(MB, SIZE - i * MB)} ${expectedHosts(name)}`));
  assert.equal(r.out.trim().split('\n').sort(), expected.sort());
});

test('the client dials datanodes by address, and by host name too with dfs.client.use.datanode.hostname', async () => {
  const byName = new HadoopShell(`hdfs://${shims[0].namenode}`, { 'dfs.client.use.datanode.hostname': 'true' });
  try {
    for (const name of FILES.slice(0, 2)) {
      for (const client of [java, byName]) {
        const cat = await client.fs('-cat', `/${name}`);
        assert.is(cat.code, 0, cat.err);
        assert.is(sha(Buffer.from(cat.out)), sha(data.get(name)!), name);
      }
    }
  } finally {
    await byName.close();
  }
});

test.run();
