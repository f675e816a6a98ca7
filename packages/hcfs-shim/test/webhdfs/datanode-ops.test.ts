import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { crc32c } from '@node-rs/crc32';
import { startCluster, type WebHdfsCluster } from './cluster.js';
import { call, remote, url, viaRedirect } from './http-client.js';

const t = suite('webhdfs data ops: namenode redirects, datanode bytes');
let c: WebHdfsCluster;
const U = { 'user.name': 'alice' };
const HOME = '/user/alice';

t.before(async () => {
  c = await startCluster();
  await call('PUT', url(c.nn, HOME, 'MKDIRS', { 'user.name': 'hdfs' }));
  await call('PUT', url(c.nn, HOME, 'SETOWNER', { 'user.name': 'hdfs', owner: 'alice' }));
});
t.after(async () => c.close());

async function create(path: string, data: Buffer, params: Record<string, string | number | boolean> = {}) {
  return viaRedirect('PUT', url(c.nn, path, 'CREATE', { ...U, ...params }), data);
}

async function readAll(path: string, params: Record<string, string | number> = {}): Promise<Buffer> {
  const { answer } = await viaRedirect('GET', url(c.nn, path, 'OPEN', { ...U, ...params }));
  assert.is(answer.status, 200, answer.bytes.toString());
  assert.is(answer.headers.get('content-type'), 'application/octet-stream');
  return answer.bytes;
}

const DATA = randomBytes(5 * 2 ** 20 + 12345);

t('CREATE redirects to the datanode with the op params, namenoderpcaddress and user.name; 201 with an hdfs:// Location', async () => {
  const { redirect, answer } = await create(`${HOME}/big`, DATA, { overwrite: false, permission: '640', replication: 1 });
  const u = new URL(redirect);
  assert.is(u.origin, c.dn);
  assert.is(u.pathname, `/webhdfs/v1${HOME}/big`);
  assert.is(u.searchParams.get('op'), 'CREATE');
  assert.is(u.searchParams.get('namenoderpcaddress'), c.rpcAddress);
  assert.is(u.searchParams.get('user.name'), 'alice');
  assert.is(u.searchParams.get('permission'), '640');
  assert.is(answer.status, 201, answer.bytes.toString());
  assert.is(answer.headers.get('location'), `hdfs://${c.rpcAddress}${HOME}/big`);
  const st = (await call('GET', url(c.nn, `${HOME}/big`, 'GETFILESTATUS', U))).json.FileStatus;
  assert.is(st.length, DATA.length);
  assert.is(st.permission, '640');
  assert.is(st.owner, 'alice');
  const lb = (await call('GET', url(c.nn, `${HOME}/big`, 'GET_BLOCK_LOCATIONS', U))).json.LocatedBlocks;
  assert.is(lb.isUnderConstruction, false);
});

t('OPEN returns the bytes identical, and honours offset and length', async () => {
  assert.ok((await readAll(`${HOME}/big`)).equals(DATA));
  assert.ok((await readAll(`${HOME}/big`, { offset: 1_000_003, length: 3_000_000 })).equals(DATA.subarray(1_000_003, 4_000_003)));
  assert.ok((await readAll(`${HOME}/big`, { offset: DATA.length - 10 })).equals(DATA.subarray(-10)));
  assert.ok((await readAll(`${HOME}/big`, { offset: 5, length: 10 ** 9 })).equals(DATA.subarray(5)));
  assert.is((await readAll(`${HOME}/big`, { offset: DATA.length })).length, 0);
  const { redirect } = await viaRedirect('GET', url(c.nn, `${HOME}/big`, 'OPEN', { ...U, offset: 7 }));
  assert.is(new URL(redirect).searchParams.get('offset'), '7');
  assert.is((await viaRedirect('GET', url(c.nn, `${HOME}/big`, 'OPEN', { ...U, offset: DATA.length + 1 }))).answer.status, 400);
});

t('noredirect=true answers 200 with the datanode Location in JSON', async () => {
  for (const [method, op] of [['GET', 'OPEN'], ['PUT', 'CREATE'], ['POST', 'APPEND']] as const) {
    const a = await call(method, url(c.nn, `${HOME}/big`, op, { ...U, noredirect: true }));
    assert.is(a.status, 200, `${op}: ${a.bytes.toString()}`);
    const loc = new URL(a.json.Location);
    assert.is(loc.origin, c.dn);
    assert.is(loc.searchParams.get('op'), op);
    assert.is(loc.searchParams.get('noredirect'), null);
  }
  const a = await call('GET', url(c.nn, `${HOME}/big`, 'OPEN', { ...U, noredirect: true, length: 4 }));
  assert.ok((await call('GET', a.json.Location)).bytes.equals(DATA.subarray(0, 4)));
});

t('CREATE over an existing file is FileAlreadyExistsException unless overwrite=true', async () => {
  await create(`${HOME}/small`, Buffer.from('one'));
  assert.is(remote((await create(`${HOME}/small`, Buffer.from('two'))).answer, 403).exception, 'FileAlreadyExistsException');
  assert.is((await create(`${HOME}/small`, Buffer.from('three'), { overwrite: true })).answer.status, 201);
  assert.is((await readAll(`${HOME}/small`)).toString(), 'three');
});

t('APPEND redirects with POST and adds the body at the end', async () => {
  await create(`${HOME}/log`, Buffer.from('abc'));
  const { redirect, answer } = await viaRedirect('POST', url(c.nn, `${HOME}/log`, 'APPEND', U), Buffer.from('defg'));
  assert.is(new URL(redirect).searchParams.get('op'), 'APPEND');
  assert.is(answer.status, 200, answer.bytes.toString());
  const more = randomBytes(3 * 2 ** 20);
  assert.is((await viaRedirect('POST', url(c.nn, `${HOME}/log`, 'APPEND', U), more)).answer.status, 200);
  assert.ok((await readAll(`${HOME}/log`)).equals(Buffer.concat([Buffer.from('abcdefg'), more])));
  assert.is(remote(await call('POST', url(c.nn, `${HOME}/nolog`, 'APPEND', U)), 404).exception, 'FileNotFoundException');
});

/** The MD5-of-MD5-of-CRC32C spelled out directly, for files of at most two blocks (no padding rules needed past 32 bytes). */
function expectedChecksum(data: Buffer, blockSize: number): string {
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length; at += blockSize) blocks.push(data.subarray(at, at + blockSize));
  const md5s = blocks.map((b) => {
    const crcs = Buffer.alloc(4 * Math.ceil(b.length / 512));
    for (let i = 0; i * 512 < b.length; i++) crcs.writeUInt32BE(crc32c(b.subarray(i * 512, (i + 1) * 512)) >>> 0, i * 4);
    return createHash('md5').update(crcs).digest();
  });
  const all = Buffer.alloc(32);
  md5s.forEach((m, i) => m.copy(all, i * 16));
  const head = Buffer.alloc(12);
  head.writeInt32BE(512, 0);
  head.writeBigInt64BE(BigInt(blocks.length > 1 ? blockSize / 512 : 0), 4);
  return Buffer.concat([head, createHash('md5').update(all).digest()]).toString('hex');
}

t('GETFILECHECKSUM redirects to the datanode, which answers HDFS\'s MD5-of-MD5-of-CRC32C', async () => {
  const data = randomBytes(2 * 2 ** 20 - 1000);
  await create(`${HOME}/sum2`, data, { blocksize: 2 ** 20 });
  const { redirect, answer } = await viaRedirect('GET', url(c.nn, `${HOME}/sum2`, 'GETFILECHECKSUM', U));
  assert.is(new URL(redirect).origin, c.dn);
  assert.equal(answer.json, { FileChecksum: { algorithm: 'MD5-of-2048MD5-of-512CRC32C', bytes: expectedChecksum(data, 2 ** 20), length: 28 } });
  const one = randomBytes(70_000);
  await create(`${HOME}/sum1`, one);
  const s1 = (await viaRedirect('GET', url(c.nn, `${HOME}/sum1`, 'GETFILECHECKSUM', U))).answer.json.FileChecksum;
  assert.equal(s1, { algorithm: 'MD5-of-0MD5-of-512CRC32C', bytes: expectedChecksum(one, 128 * 2 ** 20), length: 28 });
  await create(`${HOME}/sum0`, Buffer.alloc(0));
  const s0 = (await viaRedirect('GET', url(c.nn, `${HOME}/sum0`, 'GETFILECHECKSUM', U))).answer.json.FileChecksum;
  assert.is(s0.algorithm, 'MD5-of-0MD5-of-0CRC32');
  assert.is(remote(await call('GET', url(c.nn, HOME, 'GETFILECHECKSUM', U)), 404).message, `Path is not a file: ${HOME}`);
});

/** Sends a CREATE body of `declared` bytes but only `sent` of them, then cuts the connection. */
function abortedUpload(target: string, declared: number, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(target, { method: 'PUT', headers: { 'Content-Length': declared } });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(randomBytes(sent), () => setImmediate(() => req.destroy()));
  });
}

t('an aborted upload leaves the file under construction, leased, not complete', async () => {
  const p = `${HOME}/aborted`;
  const first = await call('PUT', url(c.nn, p, 'CREATE', U));
  await abortedUpload(first.headers.get('location')!, 8 * 2 ** 20, 2 ** 20);
  let lb: { isUnderConstruction: boolean } | undefined;
  for (let i = 0; i < 200; i++) {
    const a = await call('GET', url(c.nn, p, 'GET_BLOCK_LOCATIONS', U));
    if (a.status === 200) {
      lb = a.json.LocatedBlocks;
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  assert.ok(lb, 'the file exists after the aborted upload');
  assert.is(lb!.isUnderConstruction, true);
  const again = await create(p, Buffer.from('x'), { overwrite: true });
  assert.is(remote(again.answer, 403).exception, 'AlreadyBeingCreatedException');
});

t('with Expect: 100-continue a refused CREATE is answered before any body is sent', async () => {
  await create(`${HOME}/exists`, Buffer.from('a'));
  const target = (await call('PUT', url(c.nn, `${HOME}/exists`, 'CREATE', U))).headers.get('location')!;
  const outcome = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
    let continued = false;
    const req = request(target, { method: 'PUT', headers: { Expect: '100-continue', 'Content-Length': 5 } });
    req.on('continue', () => {
      continued = true;
      req.end('hello');
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  assert.equal(outcome, { status: 403, continued: false });
  const accepted = (await call('PUT', url(c.nn, `${HOME}/fresh`, 'CREATE', U))).headers.get('location')!;
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(accepted, { method: 'PUT', headers: { Expect: '100-continue', 'Content-Length': 5 } });
    req.on('continue', () => req.end('hello'));
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  assert.is(status, 201);
  assert.is((await readAll(`${HOME}/fresh`)).toString(), 'hello');
});

t('OPEN streams a 64 MiB file (throughput printed)', async () => {
  const big = randomBytes(64 * 2 ** 20);
  await create(`${HOME}/speed`, big);
  const loc = (await call('GET', url(c.nn, `${HOME}/speed`, 'OPEN', { ...U, noredirect: true }))).json.Location;
  const t0 = process.hrtime.bigint();
  const res = await fetch(loc);
  let n = 0;
  const h = createHash('md5');
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    h.update(chunk);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  assert.is(n, big.length);
  assert.is(h.digest('hex'), createHash('md5').update(big).digest('hex'));
  console.log(`    OPEN 64 MiB: ${(n / 2 ** 20 / secs).toFixed(0)} MiB/s`);
});

t.run();
