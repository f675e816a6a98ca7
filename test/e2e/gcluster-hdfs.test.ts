import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, run, startCluster, waitFor, type TestCluster } from '../support/cluster.js';

// gcluster runs the HDFS shim next to the volume: Debian's real HDFS client (hdfs-cli, a Go
// binary speaking Hadoop RPC and the datanode protocol) writes and reads through it.
const HDFS = '/usr/bin/hdfs';
const t = suite<{ cluster: TestCluster; scratch: string }>('e2e: gcluster with the HDFS shim');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** hdfs-cli waits forever on a protocol stall instead of failing: kill it after `timeoutMs`. */
function hdfs(namenode: string, args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const child = spawn(HDFS, args, {
    env: { ...process.env, HADOOP_NAMENODE: namenode, HADOOP_USER_NAME: 'root' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d) => { stderr += d; });
  const timer = setTimeout(() => { stderr += `\n(killed after ${timeoutMs / 1000} s)`; child.kill('SIGKILL'); }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout: Buffer.concat(out), stderr }); });
  });
}

const alive = (pid: number) => {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

t.before(async (ctx) => {
  assert.ok(existsSync(HDFS), `${HDFS} is missing: install Debian's hdfs-cli`);
  ctx.scratch = mkdtempSync(join(tmpdir(), 'gts-hdfs-'));
  ctx.cluster = await startCluster({ bricks: 2, replica: 2, hdfs: { blockSize: '1m' } });
});
t.after(async (ctx) => {
  await ctx.cluster?.stop();
  if (ctx.scratch) rmSync(ctx.scratch, { recursive: true, force: true });
});

t('gcluster up --json reports the shim\'s namenode, WebHDFS and datanode endpoints above the bricks\' ports', ({ cluster }) => {
  const base = Number(cluster.mgmt.split(':')[1]);
  // The datanode's IPC port is any free one (one server: the namenode beside it advertises it).
  const { datanodeIpc, ...fixed } = cluster.hdfs!;
  assert.match(datanodeIpc ?? '', /^127\.0\.0\.1:\d+$/);
  assert.equal(fixed && { ...fixed, pid: 0 }, {
    datanode: `127.0.0.1:${base + 18}`, datanodeHttp: `127.0.0.1:${base + 19}`,
    namenode: `127.0.0.1:${base + 16}`, webhdfs: `127.0.0.1:${base + 17}`, pid: 0,
  });
  assert.ok(alive(cluster.hdfs!.pid), 'the reported shim pid is alive');
});

t('a 3 MiB file put with hdfs-cli reads back byte-identical over 1 MiB blocks', async ({ cluster, scratch }) => {
  const data = randomBytes(3 * 1024 * 1024);
  const local = join(scratch, 'random.bin');
  writeFileSync(local, data);
  const nn = cluster.hdfs!.namenode;
  const put = await hdfs(nn, ['put', local, '/random.bin']);
  assert.is(put.code, 0, `hdfs put: ${put.stderr}`);
  const ls = await hdfs(nn, ['ls', '-l', '/random.bin']);
  assert.is(ls.code, 0, `hdfs ls: ${ls.stderr}`);
  assert.match(ls.stdout.toString(), /\b3145728\b/);
  // --block-size 1m reached the shim: the file is three blocks, not one of 128 MiB.
  const st = await fetch(`http://${cluster.hdfs!.webhdfs}/webhdfs/v1/random.bin?op=GETFILESTATUS&user.name=root`);
  assert.is(((await st.json()) as { FileStatus: { blockSize: number } }).FileStatus.blockSize, 1024 * 1024);
  const cat = await hdfs(nn, ['cat', '/random.bin']);
  assert.is(cat.code, 0, `hdfs cat: ${cat.stderr}`);
  assert.is(sha(cat.stdout), sha(data));
});

t('gcluster status lists the shim with its namenode port', async ({ cluster }) => {
  const shim = (await cluster.status()).find((p) => p.role === 'hcfs-shim');
  assert.ok(shim, 'an hcfs-shim row');
  assert.is(shim.pid, cluster.hdfs!.pid);
  assert.is(`127.0.0.1:${shim.port}`, cluster.hdfs!.namenode);
});

t('gcluster up again reuses the running shim (same pid, same endpoints)', async ({ cluster }) => {
  const again = await run(BIN.gcluster, ['up', '--home', cluster.home, '--json']);
  assert.is(again.code, 0, again.stderr);
  const e = JSON.parse(again.stdout.trim().split('\n').at(-1)!) as { hdfs?: TestCluster['hdfs'] };
  assert.equal(e.hdfs, cluster.hdfs);
});

t('gcluster down stops the shim first and it is gone', async ({ cluster }) => {
  const down = await run(BIN.gcluster, ['down', '--home', cluster.home]);
  assert.is(down.code, 0, down.stderr);
  assert.is(down.stdout.split('\n')[0], `stopped hcfs-shim pid ${cluster.hdfs!.pid}`);
  await waitFor('the shim process to be gone', async () => !alive(cluster.hdfs!.pid));
  const st = await cluster.status();
  assert.equal(st, []);
});

t.run();
