import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { IO_EXCEPTION, ipcError, noSuchMethod, RPC_NO_SUCH_METHOD_EXCEPTION } from '../../src/ipc/ipc-error.js';
import { RPC_ERROR_CODE, RPC_STATUS } from '../../src/ipc/messages.js';
import { createIpcServer } from '../../src/ipc/server.js';
import type { IpcCall, IpcLimits } from '../../src/ipc/server.js';
import { PING_CALL_ID, SASL_CALL_ID } from '../../src/ipc/framing.js';
import { RpcSaslProto, SASL_STATE } from '../../src/ipc/messages.js';
import { AUTH_SASL } from '../../src/ipc/preamble.js';
import { decode, encode } from '../../src/ipc/protobuf.js';
import { CLIENT_ID } from './capture.js';
import { callPacket, contextPacket, openClient, packet, PREAMBLE, rpcHeader } from './ipc-client.js';

const FNF = 'java.io.FileNotFoundException';

/**
 * A server whose handler echoes the body, reports the caller, delays, waits for its signal, or
 * throws, by method name. `aborts` collects the reasons of signals seen aborted.
 */
async function start(limits?: Partial<IpcLimits>) {
  const logs: string[] = [];
  const calls: Omit<IpcCall, 'signal'>[] = [];
  const aborts: unknown[] = [];
  const concurrency = { now: 0, max: 0 };
  const srv = createIpcServer({
    log: (l) => logs.push(l),
    limits,
    handle: async (method, request, call) => {
      const { signal, ...who } = call;
      calls.push(who);
      switch (method) {
        case 'wait': await new Promise((r) => signal.addEventListener('abort', r, { once: true })); aborts.push(signal.reason); return request;
        case 'echo': return request;
        case 'whoami': return Buffer.from(`${call.user}@${call.protocol}`);
        case 'slow': {
          concurrency.max = Math.max(concurrency.max, ++concurrency.now);
          await sleep(Number(request.toString()));
          concurrency.now--;
          return request;
        }
        case 'missing': throw ipcError(FNF, 'File does not exist: /x');
        case 'boom': throw new Error('kaboom');
        default: throw noSuchMethod(method, call.protocol);
      }
    },
  });
  const port = await srv.listen(0, '127.0.0.1');
  return { srv, port, logs, calls, aborts, concurrency };
}

async function handshake(port: number, user = 'alice') {
  const c = await openClient(port);
  c.write(PREAMBLE);
  c.write(contextPacket(user));
  return c;
}

test('preamble + context + call: the body is echoed with the same callId and clientId', async () => {
  const { srv, port, calls } = await start();
  try {
    const c = await handshake(port);
    c.write(callPacket(1, 'echo', Buffer.from('0a022f78', 'hex')));
    const r = await c.next();
    assert.is(r.header.status, RPC_STATUS.SUCCESS);
    assert.is(r.header.callId, 1);
    assert.equal(r.header.clientId, CLIENT_ID);
    assert.is(r.body?.toString('hex'), '0a022f78');
    assert.equal(calls, [{ user: 'alice', protocol: 'org.apache.hadoop.hdfs.protocol.ClientProtocol', callId: 1 }]);
    c.write(callPacket(2, 'whoami', Buffer.alloc(0)));
    const w = await c.next();
    assert.is(w.header.callId, 2);
    assert.is(w.body?.toString(), 'alice@org.apache.hadoop.hdfs.protocol.ClientProtocol');
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('bytes split at every offset still make one call', async () => {
  const { srv, port } = await start();
  try {
    const c = await openClient(port);
    const all = Buffer.concat([PREAMBLE, contextPacket('bob'), callPacket(7, 'whoami', Buffer.alloc(0))]);
    for (let i = 0; i < all.length; i++) {
      c.write(all.subarray(i, i + 1));
      if (i % 16 === 0) await sleep(1);
    }
    const r = await c.next();
    assert.is(r.header.callId, 7);
    assert.ok(r.body?.toString().startsWith('bob@'));
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('a thrown ipcError becomes an ERROR response with its exact class name and no body', async () => {
  const { srv, port, logs } = await start();
  try {
    const c = await handshake(port);
    c.write(callPacket(1, 'missing', Buffer.alloc(0)));
    const r = await c.next();
    assert.is(r.header.callId, 1);
    assert.is(r.header.status, RPC_STATUS.ERROR);
    assert.is(r.header.exceptionClassName, FNF);
    assert.is(r.header.errorMsg, 'File does not exist: /x');
    assert.is(r.header.errorDetail, RPC_ERROR_CODE.ERROR_APPLICATION);
    assert.is(r.body, undefined);
    c.write(callPacket(2, 'renewLease', Buffer.alloc(0)));
    const n = await c.next();
    assert.is(n.header.callId, 2);
    assert.is(n.header.exceptionClassName, RPC_NO_SUCH_METHOD_EXCEPTION);
    assert.is(n.header.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
    assert.equal(logs, []);
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('any other thrown error becomes java.io.IOException and a log line', async () => {
  const { srv, port, logs } = await start();
  try {
    const c = await handshake(port);
    c.write(callPacket(3, 'boom', Buffer.alloc(0)));
    const r = await c.next();
    assert.is(r.header.callId, 3);
    assert.is(r.header.status, RPC_STATUS.ERROR);
    assert.is(r.header.exceptionClassName, IO_EXCEPTION);
    assert.is(r.header.errorMsg, 'kaboom');
    assert.is(r.body, undefined);
    assert.is(logs.length, 1);
    assert.match(logs[0]!, /boom \(callId 3\) failed: .*kaboom/);
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('two concurrent calls on one connection are answered with their own callIds', async () => {
  const { srv, port } = await start();
  try {
    const c = await handshake(port);
    c.write(Buffer.concat([callPacket(1, 'slow', Buffer.from('80')), callPacket(2, 'slow', Buffer.from('1'))]));
    const first = await c.next();
    const second = await c.next();
    assert.equal([first.header.callId, first.body?.toString()], [2, '1']);
    assert.equal([second.header.callId, second.body?.toString()], [1, '80']);
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('a garbage preamble closes that socket; another connection is still served', async () => {
  const { srv, port, logs } = await start();
  try {
    const bad = await openClient(port);
    const good = await handshake(port);
    bad.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await bad.closed;
    assert.ok(logs.some((l) => /dropping/.test(l)), logs.join('\n'));
    good.write(callPacket(1, 'echo', Buffer.from('ok')));
    const r = await good.next();
    assert.is(r.body?.toString(), 'ok');
    const later = await handshake(port, 'carol');
    later.write(callPacket(1, 'whoami', Buffer.alloc(0)));
    assert.ok((await later.next()).body?.toString().startsWith('carol@'));
    good.socket.destroy();
    later.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('an oversized packet length closes the socket', async () => {
  const { srv, port, logs } = await start({ maxPacketSize: 1024 });
  try {
    const c = await handshake(port);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(1025, 0);
    c.write(len);
    await c.closed;
    assert.ok(logs.some((l) => /exceeds the limit/.test(l)), logs.join('\n'));
  } finally {
    await srv.close();
  }
});

test('a call before the connection context, or a malformed packet, closes the socket', async () => {
  const { srv, port, calls } = await start();
  try {
    const early = await openClient(port);
    early.write(PREAMBLE);
    early.write(callPacket(1, 'echo', Buffer.from('x')));
    await early.closed;
    const junk = await handshake(port);
    junk.write(Buffer.from('00000003ffffff', 'hex'));
    await junk.closed;
    assert.equal(calls, []);
  } finally {
    await srv.close();
  }
});

test('before the connection context only a small packet is taken; after it, requests up to the cap', async () => {
  const { srv, port, logs } = await start({ preContextPacketSize: 256, maxPacketSize: 4096 });
  try {
    const early = await openClient(port);
    early.write(PREAMBLE);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(64 * 1024 * 1024, 0);
    early.write(len);
    await early.closed;
    assert.ok(logs.some((l) => /67108864 bytes exceeds the limit of 256/.test(l)), logs.join('\n'));
    const c = await handshake(port);
    c.write(callPacket(1, 'echo', Buffer.alloc(3000, 1)));
    assert.is((await c.next()).body?.length, 3000, 'a 3000-byte request after the context is fine');
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('a connection that never finishes its handshake, or sits idle, is closed', async () => {
  const { srv, port, logs } = await start({ handshakeMs: 150, idleMs: 300 });
  try {
    const silent = await openClient(port);
    const idle = await handshake(port);
    await silent.closed;
    assert.ok(logs.some((l) => /no handshake for too long/.test(l)), logs.join('\n'));
    await idle.closed;
    assert.ok(logs.some((l) => /idle for too long/.test(l)), logs.join('\n'));
  } finally {
    await srv.close();
  }
});

test('a call in flight keeps its connection; its signal aborts when the client goes or the call runs out of time', async () => {
  const { srv, port, aborts } = await start({ idleMs: 100, callTimeoutMs: 400 });
  try {
    const c = await handshake(port);
    c.write(callPacket(1, 'wait', Buffer.from('x')));
    const timedOut = await c.next();
    assert.is(timedOut.header.status, RPC_STATUS.SUCCESS, 'the connection outlived its idle time while the call ran');
    assert.match(String(aborts[0]), /ETIMEDOUT/);
    c.write(callPacket(2, 'wait', Buffer.from('y')));
    c.socket.destroy();
    for (let i = 0; i < 50 && aborts.length < 2; i++) await sleep(20);
    assert.match(String(aborts[1]), /ECANCELED: the client closed its connection/);
  } finally {
    await srv.close();
  }
});

test('connections per address are capped: a new one closes the oldest silent one, never a busy one', async () => {
  const { srv, port, logs } = await start({ maxPerAddress: 3 });
  try {
    const busy = await handshake(port);
    busy.write(callPacket(1, 'slow', Buffer.from('400')));
    const silent1 = await openClient(port);
    const silent2 = await openClient(port);
    const newcomer = await handshake(port);
    await silent1.closed;
    newcomer.write(callPacket(1, 'echo', Buffer.from('hi')));
    assert.is((await newcomer.next()).body?.toString(), 'hi', 'the new client is served');
    assert.is((await busy.next()).body?.toString(), '400', 'the busy one finished its call');
    assert.ok(logs.some((l) => /closing its oldest idle one/.test(l)));
    for (const c of [busy, silent2, newcomer]) c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('pipelined calls run at most maxCallsInFlight at once, and every one is answered in turn', async () => {
  const { srv, port, concurrency } = await start({ maxCallsInFlight: 2 });
  try {
    const c = await handshake(port);
    c.write(Buffer.concat(Array.from({ length: 12 }, (_, i) => callPacket(i + 1, 'slow', Buffer.from('20')))));
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await c.next()).header.callId);
    assert.equal(ids.sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.is(concurrency.max, 2);
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('close() ends open connections and stops listening', async () => {
  const { srv, port } = await start();
  const c = await handshake(port);
  await srv.close();
  await c.closed;
  assert.is(srv.server.listening, false);
});

test('a ping (callId −4), as Java clients send on slow calls, is not answered and keeps the connection', async () => {
  const { srv, port } = await start();
  try {
    const c = await handshake(port);
    c.write(packet(rpcHeader(PING_CALL_ID)));
    c.write(callPacket(5, 'echo', Buffer.from('ok')));
    const r = await c.next();
    assert.is(r.header.callId, 5, 'the first answer is the call\'s: nothing for the ping');
    assert.is(r.body?.toString(), 'ok');
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('a SASL preamble\'s NEGOTIATE is answered "switch to simple" (SUCCESS, callId −33); calls then run', async () => {
  const { srv, port, calls } = await start();
  try {
    const c = await openClient(port);
    c.write(Buffer.from([...PREAMBLE.subarray(0, 6), AUTH_SASL]));
    c.write(packet(rpcHeader(SASL_CALL_ID), encode(RpcSaslProto, { state: SASL_STATE.NEGOTIATE })));
    const s = await c.next();
    assert.is(s.header.callId >> 0, SASL_CALL_ID);
    assert.is(s.header.status, RPC_STATUS.SUCCESS);
    assert.is(decode(RpcSaslProto, s.body!).state, SASL_STATE.SUCCESS);
    c.write(contextPacket('blk_1_1001'));
    c.write(callPacket(1, 'whoami', Buffer.alloc(0)));
    assert.is((await c.next()).body?.toString(), 'blk_1_1001@org.apache.hadoop.hdfs.protocol.ClientProtocol');
    assert.is(calls.length, 1);
    c.socket.destroy();
  } finally {
    await srv.close();
  }
});

test('SASL out of turn, a mechanism other than SIMPLE, or an unknown out-of-band callId: a FATAL answer, then that connection closes', async () => {
  const { srv, port } = await start();
  try {
    const cases: [string, Buffer[], string, number, RegExp][] = [
      ['SASL after a SIMPLE preamble', [PREAMBLE, packet(rpcHeader(SASL_CALL_ID), encode(RpcSaslProto, { state: SASL_STATE.NEGOTIATE }))],
        'org.apache.hadoop.ipc.Server$FatalRpcServerException', RPC_ERROR_CODE.FATAL_INVALID_RPC_HEADER, /SASL protocol not requested by client/],
      ['a Kerberos INITIATE', [Buffer.from([...PREAMBLE.subarray(0, 6), AUTH_SASL]),
        packet(rpcHeader(SASL_CALL_ID), encode(RpcSaslProto, { state: SASL_STATE.INITIATE, auths: [{ method: 'KERBEROS', mechanism: 'GSSAPI' }] }))],
      'org.apache.hadoop.security.AccessControlException', RPC_ERROR_CODE.FATAL_UNAUTHORIZED, /KERBEROS authentication is not enabled/],
      ['the connection context before the SASL negotiation', [Buffer.from([...PREAMBLE.subarray(0, 6), AUTH_SASL]), contextPacket('alice')],
        'org.apache.hadoop.ipc.Server$FatalRpcServerException', RPC_ERROR_CODE.FATAL_INVALID_RPC_HEADER, /Connection header sent during SASL negotiation/],
      ['callId −5', [PREAMBLE, contextPacket('alice'), packet(rpcHeader(-5))],
        'org.apache.hadoop.ipc.Server$FatalRpcServerException', RPC_ERROR_CODE.FATAL_INVALID_RPC_HEADER, /Unknown out of band call #-5/],
    ];
    for (const [what, bytes, cls, detail, msg] of cases) {
      const c = await openClient(port);
      for (const b of bytes) c.write(b);
      const r = await c.next();
      assert.is(r.header.status, RPC_STATUS.FATAL, what);
      assert.is(r.header.exceptionClassName, cls, what);
      assert.is(r.header.errorDetail, detail, what);
      assert.match(r.header.errorMsg ?? '', msg, what);
      await c.closed;
    }
    const ok = await handshake(port);
    ok.write(callPacket(1, 'echo', Buffer.from('still')));
    assert.is((await ok.next()).body?.toString(), 'still');
    ok.socket.destroy();
  } finally {
    await srv.close();
  }
});

test.run();
