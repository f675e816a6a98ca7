import { statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import {
  AddressFilter, connectRpc, createRpcServer, type RpcClientOptions, type RpcServer, type RpcServerOptions,
} from '../../src/rpc/index.js';
import { makeTestCa } from '../../src/testing/index.js';
import { captureLog, closed, rawSocket, until } from './harness.js';

const test = suite('rpc authentication');
const SECRET = Buffer.from('a pool secret of thirty-two bytes');
const servers: RpcServer[] = [];

async function serve(o: Partial<RpcServerOptions> = {}): Promise<{ server: RpcServer; port: number }> {
  const server = createRpcServer({ log: silentLogger(), secretOf: (u) => (u === 'pool' ? SECRET : undefined), ...o });
  server.program('t', { async whoami(_a, call) { return { ...call.auth }; } });
  servers.push(server);
  return { server, port: await server.listen(0, '127.0.0.1') };
}

async function callAs(port: number, o: Partial<RpcClientOptions> = {}): Promise<unknown> {
  const c = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false, ...o });
  try {
    await c.waitConnected(3000);
    return await c.call('t', 'whoami', []);
  } finally {
    await c.close();
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as FsError).code;
  }
  return 'no error';
}

test.after(async () => {
  for (const s of servers) await s.close();
});

test('a client that knows the user\'s secret is served as that user', async () => {
  const { port } = await serve();
  const who = await callAs(port, { credentials: { user: 'pool', secret: SECRET } }) as { user?: string; local: boolean };
  assert.is(who.user, 'pool');
  assert.is(who.local, false);
});

test('a client without credentials is anonymous, when the server admits anonymous clients', async () => {
  const { port } = await serve();
  const who = await callAs(port) as { user?: string; address: string };
  assert.is(who.user, undefined);
  assert.is(who.address, '127.0.0.1');
});

test('a wrong secret is refused with EACCES before any call', async () => {
  const { port } = await serve();
  const c = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false, credentials: { user: 'pool', secret: Buffer.from('guess') } });
  const code = await codeOf(c.waitConnected(3000));
  await c.close();
  // The server cannot prove a secret the client does not share: the client gives up first.
  assert.is(code, 'EACCES');
});

test('a server that does not know the client\'s secret cannot pass itself off as the real one', async () => {
  const { port } = await serve({ secretOf: () => undefined });
  const c = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false, credentials: { user: 'pool', secret: SECRET } });
  const e = await c.waitConnected(3000).then(() => undefined, (x: FsError) => x);
  await c.close();
  assert.is(e?.code, 'EACCES');
  assert.match(e!.message, 'could not prove');
});

test('an admission policy refuses anonymous clients with its reason', async () => {
  const { port } = await serve({ admit: (a) => (a.user ? undefined : 'this server serves authenticated clients only') });
  const c = connectRpc({ host: '127.0.0.1', port, log: silentLogger(), reconnect: false });
  const e = await c.waitConnected(3000).then(() => undefined, (x: FsError) => x);
  await c.close();
  assert.is(e?.code, 'EACCES');
  assert.match(e!.message, 'authenticated clients only');
  assert.is(((await callAs(port, { credentials: { user: 'pool', secret: SECRET } })) as { user: string }).user, 'pool');
});

test('the local socket is the owner\'s only, and its clients are local', async () => {
  const { server } = await serve();
  const path = join(mkdtempSync(join(tmpdir(), 'gts-sock-')), 'admin.socket');
  await server.listenLocal(path);
  assert.is(statSync(path).mode & 0o777, 0o600);
  const who = await callAs(0, { path }) as { local: boolean; user?: string };
  assert.is(who.local, true);
  assert.is(who.user, undefined);
});

test('a second server cannot take over a live local socket', async () => {
  const { server } = await serve();
  const path = join(mkdtempSync(join(tmpdir(), 'gts-sock-')), 'admin.socket');
  await server.listenLocal(path);
  const other = createRpcServer({ log: silentLogger() });
  assert.is(await codeOf(other.listenLocal(path)), 'EADDRINUSE');
  await other.close();
  assert.is(((await callAs(0, { path })) as { local: boolean }).local, true);
});

test('an address the filter refuses is dropped before its handshake', async () => {
  const { port } = await serve({ acceptAddress: (a) => new AddressFilter(['*'], ['127.0.0.*']).accepts(a) });
  assert.is(await codeOf(callAs(port)), 'ENOTCONN');
});

test('address filters take patterns and ranges, reject winning over allow', () => {
  const f = new AddressFilter(['10.0.0.0/8', '192.168.1.*'], ['10.9.*']);
  assert.ok(f.accepts('10.1.2.3'));
  assert.ok(f.accepts('::ffff:192.168.1.20'));
  assert.not.ok(f.accepts('10.9.0.1'));
  assert.not.ok(f.accepts('172.16.0.1'));
  assert.throws(() => new AddressFilter(['not an address']), /bad address/);
});

test('connections stuck before authenticating are capped per address, oldest out first, and time out', async () => {
  const cap = captureLog();
  const { port } = await serve({ log: cap.log, maxUnauthenticatedPerAddress: 3, handshakeTimeoutMs: 300 });
  const idle: Socket[] = [];
  for (let i = 0; i < 3; i++) idle.push(await rawSocket(port));
  const fourth = await rawSocket(port);
  await closed(idle[0]!);
  // A client with credentials is not locked out by the stuck ones.
  assert.is(((await callAs(port, { credentials: { user: 'pool', secret: SECRET } })) as { user: string }).user, 'pool');
  await Promise.all([...idle, fourth].map((s) => closed(s)));
  await until(() => cap.lines.some((l) => l.includes('no handshake in time')));
});

test('over TLS, a client with a certificate from the CA is served and named by it', async () => {
  const ca = makeTestCa();
  const { port } = await serve({ tls: ca.issue('server1') });
  const who = await callAs(port, { tls: ca.issue('client1') }) as { certName?: string };
  assert.is(who.certName, 'client1');
});

test('over TLS, clients without a certificate or with another CA\'s are refused, and plaintext is not spoken', async () => {
  const ca = makeTestCa();
  const other = makeTestCa('another CA');
  const { port } = await serve({ tls: ca.issue('server1') });
  assert.is(await codeOf(callAs(port, { tls: other.issue('intruder') })), 'ENOTCONN');
  assert.is(await codeOf(callAs(port)), 'ENOTCONN');
  // A plaintext client gets no RPC frame back, only the TLS layer's refusal.
  const s = connect({ host: '127.0.0.1', port });
  s.on('error', () => {});
  const got: Buffer[] = [];
  s.on('data', (d: Buffer) => got.push(d));
  s.write(Buffer.from('GFRP hello in the clear\n'));
  await closed(s);
  const text = Buffer.concat(got).toString('latin1');
  assert.not.ok(text.includes('GFRP'), 'nothing of the RPC protocol comes back');
});

test('a plain TCP server answering a TLS client is not mistaken for a server', async () => {
  const ca = makeTestCa();
  const plain = createServer((s) => s.on('error', () => {}).end('not tls'));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
  const port = (plain.address() as { port: number }).port;
  assert.is(await codeOf(callAs(port, { tls: ca.issue('client1') })), 'ENOTCONN');
  plain.close();
});

test.run();
