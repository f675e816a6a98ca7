import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../src/log/index.js';
import { OutBuffer, connectRpc, createRpcServer, type RpcClient, type RpcServer } from '../../src/rpc/index.js';
import { FrameType, writeCall, writeHandshake } from '../../src/rpc/frame.js';
import { encodeHello, newNonce } from '../../src/rpc/auth.js';
import { seededRandom } from '../../src/random/index.js';
import { captureLog, closed, greet, rawSocket, until } from './harness.js';

const test = suite('rpc malformed frames');
const MAX = 1024 * 1024;
const cap = captureLog();
let server: RpcServer;
let port: number;
let steady: RpcClient;

function bytes(fill: (out: OutBuffer) => void): Buffer {
  const out = new OutBuffer();
  fill(out);
  return Buffer.concat(out.take());
}
const call = (program: string) => bytes((o) => writeCall(o, MAX, 1, program, 'echo', ['x']));
function frame(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt32LE(5 + body.length, 0);
  head[4] = type;
  head.writeUInt32LE(7, 5);
  return Buffer.concat([head, body]);
}
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };

test.before(async () => {
  server = createRpcServer({ log: cap.log, maxFrameBytes: MAX });
  server.program('t', { async echo(args) { return args; } });
  port = await server.listen(0, '127.0.0.1');
  steady = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false });
  await steady.waitConnected();
});

test.after(async () => {
  await steady.close();
  await server.close();
});

/** Sends `data` raw, optionally ends the stream, and checks exactly one warning and survival. */
async function assertDropped(data: Buffer, opts: { end?: boolean; seed?: number; greeted?: boolean } = {}): Promise<void> {
  const warnsBefore = cap.count('warn');
  const s = await rawSocket(port, opts.greeted);
  if (opts.greeted) {
    await greet(s);
    s.resume();
  }
  s.write(data);
  if (opts.end) s.end();
  await closed(s);
  const note = opts.seed === undefined ? '' : ` (seed ${opts.seed})`;
  // Our side may see the close before the server has handled it.
  await until(() => cap.count('warn') > warnsBefore).catch(() => {});
  assert.is(cap.count('warn'), warnsBefore + 1, `one warning per dropped connection${note}\n${cap.lines.slice(-3).join('\n')}`);
  // The connection that was already open, and a brand-new one, are both still served.
  assert.equal(await steady.call('t', 'echo', [1]), [1], `existing client still served${note}`);
  const fresh = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false });
  await fresh.waitConnected();
  assert.equal(await fresh.call('t', 'echo', [2]), [2], `new client served${note}`);
  await fresh.close();
}

const hello = () => bytes((o) => writeHandshake(o, MAX, undefined, (w) => encodeHello(w, { nonce: newNonce(), user: '' })));

/** [what, bytes, sent after an anonymous handshake, then closed]. */
const CASES: [string, () => Buffer, boolean, boolean][] = [
  ['an HTTP request instead of a handshake', () => Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), false, false],
  ['a call before the handshake', () => call('t'), false, false],
  ['a handshake with a bad magic', () => frame(FrameType.Handshake, Buffer.from([1, 2, 3, 4, 1, 0])), false, false],
  ['a hello without its nonce and user', () => frame(FrameType.Handshake, Buffer.from([0x47, 0x46, 0x52, 0x50, 3, 0])), false, false],
  ['a call instead of the proof', () => Buffer.concat([hello(), call('t')]), false, false],
  ['a 64 KiB frame before the handshake', () => Buffer.concat([u32(64 * 1024), Buffer.alloc(64 * 1024)]), false, false],
  ['a length prefix over the frame limit', () => Buffer.concat([u32(0xfffffff0), Buffer.alloc(16)]), true, false],
  ['a length prefix under the minimum', () => Buffer.concat([u32(2), Buffer.alloc(8)]), true, false],
  ['an unknown frame type', () => frame(99, Buffer.alloc(3)), true, false],
  ['a call with a bad value tag', () => frame(FrameType.Call, Buffer.from([1, 0x74, 1, 0x78, 0xee])), true, false],
  ['a call to an unknown program', () => call('no-such-program'), true, false],
  ['a call whose arguments are not an array', () => frame(FrameType.Call, Buffer.from([1, 0x74, 1, 0x78, 0])), true, false],
  ['a reply sent by a client', () => frame(FrameType.Reply, Buffer.from([0])), true, false],
  ['a truncated frame followed by a close', () => call('t').subarray(0, 12), true, true],
  ['half a length prefix followed by a close', () => Buffer.from([40, 0]), true, true],
];

for (const [name, data, greeted, end] of CASES) {
  test(`${name} drops only that connection, with one warning`, async () => {
    await assertDropped(data(), { end, greeted });
  });
}

test('random bytes (seeded) drop only that connection', async () => {
  const base = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
  for (let k = 0; k < 20; k++) {
    const seed = base + k;
    const rnd = seededRandom(seed);
    const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)));
    await assertDropped(junk, { end: true, seed, greeted: rnd() < 0.5 });
  }
});

test.run();
