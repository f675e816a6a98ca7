import { spawn } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  connectRpc, MgmtClient, mountVolfile, mountVolume, silentLogger, type FsError, type VolumeStatusReport,
} from 'glusterfs-core';
import { makeTestCa, type TestCa } from 'glusterfs-core/testing';
import { BIN, run, startCluster, waitFor, type RunResult, type TestCluster } from '../support/cluster.js';
import { NOBODY, runAsNobody } from '../support/as-nobody.js';
import { gluster } from '../support/replica.js';

// A cluster with TLS everywhere (gcluster --ssl-dir: secure-access, server.ssl, client.ssl):
// everything works for holders of the CA's certificates, nothing for anyone else, and what
// crosses the wire is not plaintext.
const test = suite<{ c: TestCluster; ca: TestCa; dir: string }>('e2e: TLS');

/** A certificate for `cn` in a directory `nobody` can read (a user's own copy). */
function userCerts(ca: TestCa, dir: string, cn: string): string {
  const d = join(dir, cn);
  ca.install(cn, d);
  for (const p of [d, ...readdirSync(d).map((f) => join(d, f))]) chownSync(p, NOBODY, NOBODY);
  return d;
}

function gfsAsNobody(c: TestCluster, sslDir: string, ...args: string[]): Promise<RunResult> {
  return runAsNobody(BIN.gfs, ['--volume', c.volumeSpec, ...args], { GLUSTER_SSL_DIR: sslDir });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'no error', (e: FsError) => e.code ?? String(e));
}

const hostPort = (hp: string) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) });

test.before(async (ctx) => {
  ctx.ca = makeTestCa();
  ctx.dir = mkdtempSync(join(tmpdir(), 'gts-tls-'));
  // Users' own certificate directories live in here: they must be able to reach them.
  chmodSync(ctx.dir, 0o755);
  // The servers' certificate is named after their address, so HTTPS clients that check host
  // names (curl) accept WebHDFS's.
  const serverDir = join(ctx.dir, 'server');
  ctx.ca.install('127.0.0.1', serverDir);
  ctx.c = await startCluster({ bricks: 2, replica: 2, sslDir: serverDir, hdfs: true });
});
test.after(async (ctx) => {
  await ctx.c.stop();
  rmSync(ctx.dir, { recursive: true, force: true });
  rmSync(ctx.ca.dir, { recursive: true, force: true });
});

test('root on the server, its self-heal daemon and its bricks work over TLS', async ({ c }) => {
  const vol = await mountVolume(c.volumeSpec, { sslDir: join(c.home, 'glusterd', 'ssl') });
  try {
    await vol.writeFile('/hello.txt', 'over tls');
    assert.is(await vol.readFile('/hello.txt', 'utf8'), 'over tls');
  } finally {
    await vol.unmount();
  }
  const [report] = JSON.parse(await gluster(c, 'volume', 'status', c.volume, '--json')) as VolumeStatusReport[];
  assert.ok(report.bricks.every((b) => b.online) && report.selfHeal.every((d) => d.online), JSON.stringify(report));
  assert.match(await gluster(c, 'volume', 'get', c.volume, 'server.ssl'), /server\.ssl\s+on/);
});

test('the HDFS shim reaches the bricks over TLS and serves WebHDFS as HTTPS only', async ({ c, ca }) => {
  const h = c.hdfs!;
  const env = { HADOOP_NAMENODE: h.namenode, HADOOP_USER_NAME: 'root' };
  assert.is((await run('hdfs', ['cat', '/hello.txt'], { node: false, env })).stdout, 'over tls');
  const put = await run('hdfs', ['put', '-', '/from-hdfs.txt'], { node: false, env, input: 'through the shim' });
  assert.is(put.code, 0, put.stderr);
  const status = await run('curl', ['-s', '--cacert', ca.caFile, `https://${h.webhdfs}/webhdfs/v1/from-hdfs.txt?op=GETFILESTATUS&user.name=root`], { node: false });
  assert.match(status.stdout, '"length":16');
  const read = await run('curl', ['-sL', '--cacert', ca.caFile, `https://${h.webhdfs}/webhdfs/v1/from-hdfs.txt?op=OPEN&user.name=root`], { node: false });
  assert.is(read.stdout, 'through the shim');
  const plain = await run('curl', ['-s', '-m', '5', `http://${h.webhdfs}/webhdfs/v1/?op=GETFILESTATUS`], { node: false });
  assert.not.match(plain.stdout, 'FileStatus');
});

test('glusterd and the bricks speak only TLS: plain clients and certificates of another CA are refused', async ({ c, dir }) => {
  const { host, port } = hostPort(c.mgmt);
  const stranger = makeTestCa('a stranger\'s CA');
  try {
    for (const tls of [undefined, stranger.issue('127.0.0.1')]) {
      assert.is(await codeOf(MgmtClient.connect(host, port, { tls })), 'ENOTCONN', `glusterd, ${tls ? 'foreign cert' : 'plain'}`);
      for (const b of c.bricks) {
        const rpc = connectRpc({ host: b.host, port: b.port, log: silentLogger(), reconnect: false, tls });
        assert.is(await codeOf(rpc.waitConnected(5000)), 'ENOTCONN', `brick ${b.path}, ${tls ? 'foreign cert' : 'plain'}`);
        await rpc.close();
      }
    }
    const r = await gfsAsNobody(c, userCerts(stranger, dir, 'mallory'), 'cat', '/hello.txt');
    assert.is(r.code, 1);
    assert.is(r.stdout, '');
  } finally {
    stranger.remove();
  }
});

test('auth.ssl-allow decides which certificates get the volume; an allowed client is an ordinary one, root-squashed', async ({ c, ca, dir }) => {
  // The servers' own certificate stays allowed: the self-heal daemon and the shim use it.
  await gluster(c, 'volume', 'set', c.volume, 'auth.ssl-allow', '127.0.0.1,client1');
  await gluster(c, 'volume', 'set', c.volume, 'server.root-squash', 'on');
  const refused = await gfsAsNobody(c, userCerts(ca, dir, 'client2'), 'cat', '/hello.txt');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /Certificate "client2" is not in auth\.ssl-allow/, refused.stderr);
  const allowed = userCerts(ca, dir, 'client1');
  const read = await waitFor('client1 to read through the restarted bricks', async () => {
    const r = await gfsAsNobody(c, allowed, 'cat', '/hello.txt');
    return r.code === 0 ? r : undefined;
  });
  assert.is(read.stdout, 'over tls');
  // Calls as uid 0 over TCP with client1's certificate (root on another machine) are squashed.
  const { host, port } = hostPort(c.mgmt);
  const mgmt = await MgmtClient.connect(host, port, { tls: ca.issue('client1') });
  const volfile = await mgmt.getSpec(c.volume).finally(() => mgmt.close());
  assert.match(volfile, '"username":"client"');
  assert.not.match(volfile, 'serviceKey');
  const vol = await mountVolfile(volfile, { sslDir: allowed, identity: { uid: 0, gid: 0 } });
  try {
    await vol.writeFile('/squashed.txt', 'who am i');
    await vol.mkdir('/squashed-dir');
  } finally {
    await vol.unmount();
  }
  const brickFiles = c.bricks.flatMap((b) => readdirSync(b.path).filter((n) => n.startsWith('squashed')).map((n) => join(b.path, n)));
  assert.is(brickFiles.length, 4, 'both entries on both replicas');
  for (const f of brickFiles) assert.equal([lstatSync(f).uid, lstatSync(f).gid], [NOBODY, NOBODY], f);
});

test('what crosses the wire to a brick is not plaintext', async ({ c }) => {
  const marker = `plaintext-marker-${Date.now()}`;
  const pcap = join(mkdtempSync(join(tmpdir(), 'gts-pcap-')), 'brick.pcap');
  const ports = c.bricks.map((b) => `port ${b.port}`).join(' or ');
  const dump = spawn('tcpdump', ['-i', 'lo', '--immediate-mode', '-U', '-w', pcap, ports], { stdio: ['ignore', 'ignore', 'pipe'] });
  let heard = '';
  dump.stderr.on('data', (d: Buffer) => { heard += d.toString(); });
  await waitFor('tcpdump to listen', async () => heard.includes('listening on'));
  const vol = await mountVolume(c.volumeSpec, { sslDir: join(c.home, 'glusterd', 'ssl') });
  try {
    await vol.writeFile('/marker.txt', marker.repeat(100));
    assert.is(await vol.readFile('/marker.txt', 'utf8'), marker.repeat(100));
  } finally {
    await vol.unmount();
  }
  // Stop once the capture has caught up with the traffic (its file stops growing).
  let last = -1;
  await waitFor('the capture to catch up', async () => {
    const size = statSync(pcap).size;
    const still = size === last;
    last = size;
    await new Promise((r) => setTimeout(r, 200));
    return still && size > 24;
  });
  dump.kill('SIGINT');
  await new Promise((r) => dump.once('close', r));
  const captured = readFileSync(pcap);
  assert.ok(captured.length > 4096, `the capture holds the traffic (${captured.length} bytes)`);
  assert.not.ok(captured.includes(Buffer.from(marker)), 'the file\'s bytes never crossed the wire in the clear');
  assert.ok(captured.includes(Buffer.from([0x17, 0x03, 0x03])), 'TLS application-data records did');
  rmSync(pcap, { force: true });
});

test.run();
