import { once } from 'node:events';
import { createServer } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import { OutBuffer, connectRpc, createRpcServer, type RpcClient, type RpcServer } from '../../src/rpc/index.js';
import { writeHandshake } from '../../src/rpc/frame.js';
import { FrameSplitter } from '../../src/rpc/frame-splitter.js';
import { parseFrame, FrameType } from '../../src/rpc/frame.js';
import { captureLog, rawSocket, until } from './harness.js';

const test = suite('rpc');
const cap = captureLog();
let server: RpcServer;
let client: RpcClient;
let port: number;
let lastSignal: AbortSignal | null = null;
/** The signal of the latest `hang` call (a function, so TypeScript does not narrow it away). */
const handlerSignal = (): AbortSignal | null => lastSignal;

async function expectErr(p: Promise<unknown>, code: string): Promise<FsError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, FsError);
    assert.is((e as FsError).code, code, (e as Error).message);
    return e as FsError;
  }
  throw new Error(`expected ${code}, got success`);
}

test.before(async () => {
  server = createRpcServer({ log: cap.log });
  server.program('t', {
    async echo(args) { return args; },
    async fail(args) { throw new FsError(args[0] as 'ENOENT', 'no such thing here'); },
    async bug() { throw new TypeError('undefined is not a function'); },
    async hang(_a, call) { lastSignal = call.signal; return new Promise(() => {}); },
    async later(args) {
      await new Promise((r) => setTimeout(r, args[1] as number));
      return args[0];
    },
    async stream(args, call) {
      for (let i = 0; i < (args[0] as number); i++) call.emit({ i });
      return 'done';
    },
    async badResult() { return () => 1; },
    async whoami(_a, call) { return call.connId; },
  });
  port = await server.listen(0, '127.0.0.1');
  client = connectRpc({ host: '127.0.0.1', port, log: silentLogger() });
  await client.waitConnected();
});

test.after(async () => {
  await client.close();
  await server.close();
});

test('a call returns what the handler returns', async () => {
  assert.equal(await client.call('t', 'echo', [1, 'a', { b: [2n] }]), [1, 'a', { b: [2n] }]);
  assert.ok(client.connected);
});

test('a handler errno comes back as FsError with its code and message', async () => {
  const e = await expectErr(client.call('t', 'fail', ['ENOENT']), 'ENOENT');
  assert.match(e.message, 'no such thing here');
  await expectErr(client.call('t', 'fail', ['EDQUOT']), 'EDQUOT');
});

test('a programmer error in a handler becomes EIO and is logged with its stack', async () => {
  const before = cap.count('error');
  await expectErr(client.call('t', 'bug', []), 'EIO');
  assert.is(cap.count('error'), before + 1);
  assert.match(cap.lines.at(-1)!, 'TypeError');
  assert.match(cap.lines.at(-1)!, 'at ');
});

test('an unknown procedure is ENOSYS and the connection stays usable', async () => {
  await expectErr(client.call('t', 'nope', []), 'ENOSYS');
  assert.equal(await client.call('t', 'echo', [1]), [1]);
});

test('an unencodable argument is EINVAL locally and nothing is sent', async () => {
  await expectErr(client.call('t', 'echo', [new Date()]), 'EINVAL');
  assert.equal(await client.call('t', 'echo', ['still fine']), ['still fine']);
});

test('an unencodable result is EIO to the caller', async () => {
  await expectErr(client.call('t', 'badResult', []), 'EIO');
});

test('a thousand calls in flight on one connection each get their own answer', async () => {
  const n = 1000;
  const res = await Promise.all(Array.from({ length: n }, (_, i) => client.call('t', 'later', [i, (i * 7) % 13])));
  assert.equal(res, Array.from({ length: n }, (_, i) => i));
});

test('large Buffers travel both ways byte for byte and arrive as Buffers', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4096) big[i] = i & 0xff;
  const [back, small] = (await client.call('t', 'echo', [big, Buffer.from('x')])) as Buffer[];
  assert.ok(Buffer.isBuffer(back));
  assert.ok(big.equals(back!));
  assert.equal(small, Buffer.from('x'));
});

test('a call with no reply within its timeout fails with ETIMEDOUT and its handler is told to stop', async () => {
  lastSignal = null;
  await expectErr(client.call('t', 'hang', [], { timeoutMs: 50 }), 'ETIMEDOUT');
  const sig = handlerSignal();
  assert.ok(sig);
  await until(() => sig!.aborted);
});

test('the connection default timeout applies when a call names none', async () => {
  const c = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), callTimeoutMs: 100 });
  await c.waitConnected();
  await expectErr(c.call('t', 'hang', []), 'ETIMEDOUT');
  assert.equal(await c.call('t', 'echo', [1]), [1]);
  await c.close();
});

test('a streaming handler delivers its chunks in order before the final reply', async () => {
  const got: unknown[] = [];
  const res = await client.call('t', 'stream', [100], { onChunk: (c) => got.push(c) });
  assert.is(res, 'done');
  assert.equal(got, Array.from({ length: 100 }, (_, i) => ({ i })));
});

test('aborting a call rejects it with ECANCELED and aborts the handler signal', async () => {
  lastSignal = null;
  const ac = new AbortController();
  const p = client.call('t', 'hang', [], { signal: ac.signal });
  await until(() => handlerSignal() !== null);
  const sig = handlerSignal()!;
  ac.abort();
  await expectErr(p, 'ECANCELED');
  await until(() => sig.aborted);
});

test('each connection has its own stable id', async () => {
  const c2 = connectRpc({ host: '127.0.0.1', port, log: silentLogger() });
  await c2.waitConnected();
  const a1 = await client.call('t', 'whoami', []);
  const a2 = await client.call('t', 'whoami', []);
  const b = await c2.call('t', 'whoami', []);
  assert.is(a1, a2);
  assert.is.not(a1, b);
  await c2.close();
});

test('a client of another protocol version is refused with a clear EPROTO error frame', async () => {
  const s = await rawSocket(port, true);
  const out = new OutBuffer();
  writeHandshake(out, 1 << 20, 99);
  for (const p of out.take()) s.write(p);
  const frames: ReturnType<typeof parseFrame>[] = [];
  const split = new FrameSplitter(1 << 20, (b) => frames.push(parseFrame(b)));
  s.on('data', (d: Buffer) => split.push(d));
  await once(s, 'close');
  assert.is(frames.length, 1);
  const f = frames[0]!;
  assert.is(f.type, FrameType.Error);
  if (f.type !== FrameType.Error) return;
  assert.is(f.error.code, 'EPROTO');
  assert.match(f.error.message, 'version mismatch');
});

test('a server of another protocol version makes waitConnected fail with EPROTO', async () => {
  const fake = createServer((s) => {
    const out = new OutBuffer();
    writeHandshake(out, 1 << 20, 42);
    s.on('data', () => { for (const p of out.take()) s.write(p); });
    s.on('error', () => {});
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  const fport = (fake.address() as { port: number }).port;
  const c = connectRpc({ host: '127.0.0.1', port: fport, log: silentLogger() });
  const e = await expectErr(c.waitConnected(2000), 'EPROTO');
  assert.match(e.message, 'speaks 42');
  await expectErr(c.call('t', 'echo', []), 'ENOTCONN');
  await c.close();
  fake.close();
});

test('without a server, waitConnected and calls fail fast with ENOTCONN', async () => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const deadPort = (probe.address() as { port: number }).port;
  probe.close();
  await once(probe, 'close');
  const c = connectRpc({ host: '127.0.0.1', port: deadPort, log: silentLogger(), reconnect: false });
  await expectErr(c.call('t', 'echo', []), 'ENOTCONN');
  await expectErr(c.waitConnected(2000), 'ENOTCONN');
  await c.close();
});

test('closing the server fails the calls in flight with ENOTCONN', async () => {
  const s2 = createRpcServer({ log: silentLogger() });
  let entered = false;
  s2.program('t', { async hang() { entered = true; return new Promise(() => {}); } });
  const p2 = await s2.listen(0, '127.0.0.1');
  const c = connectRpc({ host: '127.0.0.1', port: p2, log: silentLogger(), reconnect: false });
  await c.waitConnected();
  const pending = c.call('t', 'hang', []);
  await until(() => entered);
  await s2.close();
  await expectErr(pending, 'ENOTCONN');
  await c.close();
});

test.run();
