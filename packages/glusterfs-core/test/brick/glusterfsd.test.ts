import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCtx, createFd, type Subvol } from '../../src/fop/index.js';
import { newGfid } from '../../src/format/index.js';
import { silentLogger } from '../../src/log/index.js';
import { buildGraph, parseVolfile, resolveXlator, type Graph, type VolfileNode } from '../../src/volume/index.js';
import { fsErrnoOf } from '../errno-of.js';

const test = suite('glusterfsd');
const BIN = new URL('../../../bin/glusterfsd.js', import.meta.url).pathname;
const ctx = () => createCtx();

let home: string;
let volfile: string;
let brickDir: string;
let proc: ChildProcess | null = null;
let port = 0;
let client: Graph;
let top: Subvol;

/** Starts glusterfsd and resolves with its READY port. */
async function startBrick(args: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [
    BIN, '--volfile', volfile, '--brick-path', brickDir, '--volume', 'tv', '--subvolume', 'tv-client-0',
    '--port', String(port), '--log-file', join(home, 'brick.log'), ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<number>((resolve, reject) => {
    lines.on('line', (l) => {
      const m = /^READY (\d+)$/.exec(l);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`glusterfsd exited ${c} before READY: ${stderr}`)));
  });
  return { child, port: await ready };
}

async function waitUp(up: boolean): Promise<void> {
  const x = client.xlators.get('tv-client-0')!;
  const t0 = Date.now();
  while (x.up !== up) {
    if (Date.now() - t0 > 10_000) throw new Error(`client did not become ${up ? 'up' : 'down'}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'glusterfsd-test-'));
  brickDir = join(home, 'brick');
  mkdirSync(brickDir);
  const nodes: VolfileNode[] = [{ name: 'tv-posix', type: 'storage/posix', options: { directory: brickDir }, children: [] }];
  // Stack features/locks when it is registered (it is the brick's usual top).
  if (resolveXlator('features/locks')) nodes.push({ name: 'tv-locks', type: 'features/locks', options: {}, children: ['tv-posix'] });
  volfile = join(home, 'brick.vol');
  writeFileSync(volfile, JSON.stringify({ volume: 'tv', top: nodes.at(-1)!.name, nodes }));
  const started = await startBrick();
  proc = started.child;
  port = started.port;
  const clientVol = {
    volume: 'tv', top: 'tv-client-0',
    nodes: [{ name: 'tv-client-0', type: 'protocol/client', options: { 'remote-host': '127.0.0.1', 'brick-port': port }, children: [] }],
  };
  client = buildGraph(parseVolfile(JSON.stringify(clientVol)), resolveXlator, silentLogger());
  top = client.top;
  await waitUp(true);
});

test.after(async () => {
  await client?.close();
  if (proc && proc.exitCode === null) {
    proc.kill('SIGKILL');
    await once(proc, 'exit');
  }
  if (process.env.KEEP_TEST_HOME) process.stderr.write(`kept ${home}\n`);
  else rmSync(home, { recursive: true, force: true });
});

test('a client writes and reads a file on a real brick process', async () => {
  const fd = createFd('/hello.txt', constants.O_RDWR | constants.O_CREAT);
  await top.create(ctx(), { path: '/hello.txt', gfid: newGfid() }, fd.flags, 0o644, fd);
  const data = Buffer.alloc(3 * 1024 * 1024, 'abc');
  await top.write(ctx(), fd, data, 0);
  assert.ok(data.equals(await top.read(ctx(), fd, data.length, 0)));
  await top.release(ctx(), fd);
  assert.is((await top.stat(ctx(), { path: '/hello.txt' })).size, data.length);
});

test('SIGKILL of the brick makes fops fail with ENOTCONN; a restart on the same port brings them back', async () => {
  const fd = createFd('/hello.txt', constants.O_RDONLY);
  await top.open(ctx(), { path: '/hello.txt' }, fd.flags, fd);
  proc!.kill('SIGKILL');
  await once(proc!, 'exit');
  await waitUp(false);
  assert.is(await fsErrnoOf(top.stat(ctx(), { path: '/hello.txt' })), 'ENOTCONN');
  assert.is(await fsErrnoOf(top.read(ctx(), fd, 3, 0)), 'ENOTCONN');

  proc = (await startBrick()).child;
  await waitUp(true);
  assert.is((await top.stat(ctx(), { path: '/hello.txt' })).size, 3 * 1024 * 1024);
  assert.is((await top.read(ctx(), fd, 3, 0)).toString(), 'abc', 'an fd opened before the crash is reopened');
  await top.release(ctx(), fd);
});

test('SIGTERM stops the brick cleanly (exit code 0)', async () => {
  const p = proc!;
  p.kill('SIGTERM');
  const [codeNum] = (await once(p, 'exit')) as [number | null];
  assert.is(codeNum, 0);
  await waitUp(false);
  proc = (await startBrick()).child;
  await waitUp(true);
});

test('a bad volfile makes glusterfsd exit 1 with a message instead of READY', async () => {
  const bad = join(home, 'bad.vol');
  writeFileSync(bad, '{"volume": "tv", "top": "x", "nodes": [{"name": "x", "type": "no/such"}]}');
  const child = spawn(process.execPath, [BIN, '--volfile', bad, '--brick-path', brickDir, '--volume', 'tv', '--subvolume', 's'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const [c] = (await once(child, 'exit')) as [number];
  assert.is(c, 1);
  assert.not.match(out, 'READY');
  assert.match(err, 'unknown translator type');
});

test.run();
