import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { hdfs, startShim, type TestShim } from '../support/hdfs.js';
import { makeTestCa, type TestCa } from 'glusterfs-core/testing';

// swebhdfs: `hcfs-shim --ssl-dir` serves WebHDFS and the datanode HTTP port over HTTPS only,
// with a certificate from the cluster's CA (a throwaway one made with Debian's openssl here).
// curl trusting that CA works end to end, 307 redirects name https URLs, and a plain-HTTP
// request to either port gets no HTTP answer at all.
const test = suite('e2e/webhdfs-https');

let cluster: TestCluster;
let shim: TestShim;
let ca: TestCa;
let local = '';

interface Curl { code: number; out: Buffer; err: string }

function curl(args: string[]): Promise<Curl> {
  const child = spawn('curl', ['--silent', '--show-error', '--max-time', '30', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [], err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out: Buffer.concat(out), err: Buffer.concat(err).toString() }));
  });
}

function url(hostPort: string, path: string, op: string, params: Record<string, string> = {}): string {
  return `https://${hostPort}/webhdfs/v1${path}?${new URLSearchParams({ op, 'user.name': 'root', ...params })}`;
}

/** Sends a plain-HTTP request to `hostPort` and returns everything the server sent before closing. */
function plainHttp(hostPort: string): Promise<Buffer> {
  const i = hostPort.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = connect(Number(hostPort.slice(i + 1)), hostPort.slice(0, i), () => {
      s.write('GET /webhdfs/v1/?op=GETFILESTATUS&user.name=root HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    const timer = setTimeout(() => { s.destroy(); reject(new Error('the HTTPS port neither answered nor closed')); }, 15_000);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(got)); });
  });
}

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2 });
  ca = makeTestCa();
  local = mkdtempSync(join(tmpdir(), 'gts-webhdfs-https-'));
  ca.install('127.0.0.1', join(local, 'ssl'));
  shim = await startShim(cluster, { sslDir: join(local, 'ssl'), blockSize: '1m' });
});

test.after(async () => {
  await shim?.stop();
  await cluster?.stop();
  ca?.remove();
  rmSync(local, { recursive: true, force: true });
});

test('GETFILESTATUS over HTTPS with the cluster\'s CA', async () => {
  const r = await curl(['--cacert', ca.caFile, url(shim.webhdfs, '/', 'GETFILESTATUS')]);
  assert.is(r.code, 0, r.err);
  assert.is((JSON.parse(r.out.toString()) as { FileStatus: { type: string } }).FileStatus.type, 'DIRECTORY');
});

test('CREATE redirects to an https datanode URL; the upload and OPEN go over HTTPS byte for byte', async () => {
  const data = randomBytes(2.5 * 1024 * 1024);
  writeFileSync(join(local, 'up.bin'), data);
  const head = await curl(['--cacert', ca.caFile, '-i', '-X', 'PUT', url(shim.webhdfs, '/secure.bin', 'CREATE')]);
  assert.is(head.code, 0, head.err);
  const location = /^location: (\S+)/im.exec(head.out.toString())?.[1];
  assert.ok(location, head.out.toString());
  assert.is(new URL(location).protocol, 'https:');
  assert.is(new URL(location).host, shim.datanodeHttp);
  const up = await curl(['--cacert', ca.caFile, '-L', '-X', 'PUT', '-T', join(local, 'up.bin'), '-o', '/dev/null', '-w', '%{http_code}',
    url(shim.webhdfs, '/secure.bin', 'CREATE')]);
  assert.is(up.out.toString(), '201', up.err);
  const down = await curl(['--cacert', ca.caFile, '-L', url(shim.webhdfs, '/secure.bin', 'OPEN')]);
  assert.is(down.code, 0, down.err);
  assert.ok(down.out.equals(data), 'OPEN returns what CREATE stored');
  const cat = await hdfs(shim, ['cat', '/secure.bin']);
  assert.ok(cat.stdout.equals(data), 'and the RPC side sees the same file');
});

test('a client that does not trust the CA is refused by curl; plain HTTP to either port gets no answer', async () => {
  const untrusted = await curl([url(shim.webhdfs, '/', 'GETFILESTATUS')]);
  assert.is(untrusted.code, 60, `curl refuses the unknown issuer: ${untrusted.err}`);
  for (const endpoint of [shim.webhdfs, shim.datanodeHttp]) {
    const reply = await plainHttp(endpoint);
    const text = reply.toString('latin1');
    assert.not.ok(text.includes('HTTP/1.') || text.includes('FileStatus') || text.includes('RemoteException'), `${endpoint} answered plain HTTP: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const http = await curl([`http://${shim.webhdfs}/webhdfs/v1/?op=GETFILESTATUS&user.name=root`]);
  assert.is.not(http.code, 0, 'curl over plain http fails');
  assert.is(http.out.length, 0, 'with no body');
});

test.run();
