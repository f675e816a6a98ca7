import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../src/log/index.js';
import { connectRpc, createRpcServer, type RpcServer } from '../../src/rpc/index.js';
import { until } from './harness.js';
import { fsErrnoOf } from '../errno-of.js';

const test = suite('rpc reconnect');
const log = silentLogger();

async function serve(port: number, onHang?: () => void): Promise<{ server: RpcServer; port: number }> {
  const server = createRpcServer({ log });
  server.program('t', {
    async echo(args) { return args; },
    async hang() { onHang?.(); return new Promise(() => {}); },
  });
  return { server, port: await server.listen(port, '127.0.0.1') };
}

test('after the server restarts the client reconnects by itself, reporting down then up', async () => {
  let hung = false;
  const first = await serve(0, () => { hung = true; });
  const events: string[] = [];
  const c = connectRpc({ host: '127.0.0.1', port: first.port, log });
  c.on('up', () => events.push('up'));
  c.on('down', () => events.push('down'));
  await c.waitConnected();
  const inFlight = c.call('t', 'hang', []);
  await until(() => hung);

  await first.server.close();
  assert.is(await fsErrnoOf(inFlight), 'ENOTCONN', 'a call in flight when the connection drops fails with ENOTCONN');
  assert.not.ok(c.connected);
  assert.is(await fsErrnoOf(c.call('t', 'echo', [1])), 'ENOTCONN', 'calls while disconnected fail fast');

  const second = await serve(first.port);
  await c.waitConnected(5000);
  assert.equal(await c.call('t', 'echo', [2]), [2]);
  assert.equal(events, ['up', 'down', 'up']);
  await c.close();
  await second.server.close();
});

test('a client started before its server connects once the server comes up', async () => {
  const probe = await serve(0);
  const port = probe.port;
  await probe.server.close();
  const c = connectRpc({ host: '127.0.0.1', port, log });
  assert.is(await fsErrnoOf(c.waitConnected(150)), 'ETIMEDOUT');
  const late = await serve(port);
  await c.waitConnected(5000);
  assert.equal(await c.call('t', 'echo', ['late']), ['late']);
  await c.close();
  await late.server.close();
});

test('with reconnect off, a dropped client stays down and says ENOTCONN', async () => {
  const s = await serve(0);
  const c = connectRpc({ host: '127.0.0.1', port: s.port, log, reconnect: false });
  await c.waitConnected();
  await s.server.close();
  await until(() => !c.connected);
  const again = await serve(s.port);
  assert.is(await fsErrnoOf(c.waitConnected(300)), 'ENOTCONN');
  assert.is(await fsErrnoOf(c.call('t', 'echo', [])), 'ENOTCONN');
  await c.close();
  await again.server.close();
});

test('a closed client rejects waitConnected and calls with ENOTCONN', async () => {
  const s = await serve(0);
  const c = connectRpc({ host: '127.0.0.1', port: s.port, log });
  await c.waitConnected();
  await c.close();
  assert.is(await fsErrnoOf(c.call('t', 'echo', [])), 'ENOTCONN');
  assert.is(await fsErrnoOf(c.waitConnected(100)), 'ENOTCONN');
  await s.server.close();
});

test.run();
