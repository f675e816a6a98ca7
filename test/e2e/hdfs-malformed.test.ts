import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from 'glusterfs-core';
import {
  decode, defineMessage, encode, encodeVarint, RPC_ERROR_CODE, RPC_STATUS, RpcRequestHeaderProto, splitDelimited,
} from 'hcfs-shim';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { hdfs, startShim, type TestShim } from '../support/hdfs.js';
import {
  callPacket, contextPacket, GetFileInfoRequestProto, HRPC_PREAMBLE, hrpcPacket, openHrpc,
} from '../support/hrpc-client.js';

// Malformed IPC packets and datanode ops close one connection and never the server: raw
// node:net sockets against the real shim process, then the real `hdfs` client proves the
// endpoints still serve, and the shim process is still the one that was started.
const test = suite('e2e/hdfs-malformed');
const CLOSE_MS = 5000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

let cluster: TestCluster;
let shim: TestShim;
let local = '';

function alive(): void {
  assert.is(shim.child.exitCode, null, `the shim exited: ${shim.log.slice(-20).join('\n')}`);
  assert.is(shim.child.signalCode, null, 'the shim was killed');
  process.kill(shim.child.pid!, 0);
}

async function lsWorks(what: string): Promise<void> {
  const r = await hdfs(shim, ['ls', '/'], { timeoutMs: 20_000 });
  assert.is(r.code, 0, `hdfs ls / after ${what}: ${r.err}`);
  alive();
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

const VALID_HEADER = encode(RpcRequestHeaderProto, { rpcKind: 2, rpcOp: 0, callId: 1, clientId: Buffer.from('0123456789abcdef') });

// Each case: the bytes a client sends on a fresh namenode connection; the server must close it
// without sending anything.
const NAMENODE_CASES: Array<[string, Buffer[]]> = [
  ['an HTTP request instead of the preamble', [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]],
  ['IPC version 8', [Buffer.from([0x68, 0x72, 0x70, 0x63, 0x08, 0x00, 0x00])]],
  ['an unknown auth protocol in the preamble', [Buffer.from([0x68, 0x72, 0x70, 0x63, 0x09, 0x00, 0x01])]],
  ['a length prefix of 2 GiB', [HRPC_PREAMBLE, contextPacket('root'), u32(0x80000000), randomBytes(64)]],
  ['a length prefix of 4 GiB − 1 before the context', [HRPC_PREAMBLE, u32(0xffffffff)]],
  ['an empty packet', [HRPC_PREAMBLE, contextPacket('root'), u32(0)]],
  ['a header whose varint length runs past the packet', [HRPC_PREAMBLE, u32(3), Buffer.from([0x7f, 0x08, 0x02])]],
  ['a header with an invalid wire type', [HRPC_PREAMBLE, hrpcPacket(Buffer.from([0x0f, 0x01, 0x02]))]],
  ['a header missing its required callId and clientId', [HRPC_PREAMBLE, hrpcPacket(Buffer.from([0x08, 0x02]))]],
  ['a truncated 10-byte varint as the context', [HRPC_PREAMBLE, hrpcPacket(Buffer.from(encode(RpcRequestHeaderProto, {
    callId: -3, clientId: Buffer.alloc(16),
  })), Buffer.from([0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))]],
  ['a call before the connection context', [HRPC_PREAMBLE, callPacket(1, 'getFileInfo', encode(GetFileInfoRequestProto, { src: '/' }))]],
  ['a second connection context', [HRPC_PREAMBLE, contextPacket('root'), contextPacket('root')]],
  ['a call packet with only its header', [HRPC_PREAMBLE, contextPacket('root'), hrpcPacket(VALID_HEADER)]],
  ['a call packet with garbage as its RequestHeaderProto', [HRPC_PREAMBLE, contextPacket('root'), hrpcPacket(VALID_HEADER, Buffer.from([0xff, 0xff, 0xff]))]],
];

test.before(async () => {
  cluster = await startCluster({ bricks: 4, replica: 2 });
  shim = await startShim(cluster, { blockSize: '256k' });
  local = mkdtempSync(join(tmpdir(), 'gts-hdfs-malformed-'));
});

test.after(async () => {
  await shim?.stop();
  await cluster?.stop();
  rmSync(local, { recursive: true, force: true });
});

test('a well-formed call to an unknown method gets RpcNoSuchMethodException and the connection stays usable', async () => {
  const c = await openHrpc(shim.namenode);
  try {
    c.write(HRPC_PREAMBLE);
    c.write(contextPacket('root'));
    c.write(callPacket(7, 'noSuchMethodAnywhere', Buffer.alloc(0)));
    const r = await c.next();
    assert.is(r.header.callId, 7);
    assert.is(r.header.status, RPC_STATUS.ERROR);
    assert.is(r.header.exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchMethodException');
    assert.is(r.header.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
    assert.match(r.header.errorMsg ?? '', 'noSuchMethodAnywhere');
    assert.is(r.body, undefined, 'an error carries no body');
    c.write(callPacket(8, 'getFileInfo', encode(GetFileInfoRequestProto, { src: '/' })));
    const ok = await c.next();
    assert.is(ok.header.callId, 8);
    assert.is(ok.header.status, RPC_STATUS.SUCCESS);
    assert.ok(ok.body && ok.body.length > 0, 'getFileInfo / returns a status');
  } finally {
    c.close();
  }
});

test('each malformed namenode stream closes only its own connection', async () => {
  const bystander = await openHrpc(shim.namenode);
  bystander.write(HRPC_PREAMBLE);
  bystander.write(contextPacket('root'));
  try {
    for (const [what, chunks] of NAMENODE_CASES) {
      const c = await openHrpc(shim.namenode);
      for (const chunk of chunks) c.write(chunk);
      assert.ok(await c.closedWithin(CLOSE_MS), `${what}: the server closes the connection`);
      assert.is(c.received, 0, `${what}: no response was sent`);
      await lsWorks(what);
    }
    const callId = 1;
    bystander.write(callPacket(callId, 'getFileInfo', encode(GetFileInfoRequestProto, { src: '/' })));
    const r = await bystander.next();
    assert.equal([r.header.callId, r.header.status], [callId, RPC_STATUS.SUCCESS], 'a connection opened before the garbage still works');
  } finally {
    bystander.close();
  }
});

test('a truncated packet followed by the client closing leaves the server serving', async () => {
  for (const [what, tail] of [
    ['half a length prefix', Buffer.from([0x00, 0x00])],
    ['a length of 1000 with 10 bytes', Buffer.concat([u32(1000), randomBytes(10)])],
    ['a call packet cut in the middle', callPacket(1, 'getFileInfo', encode(GetFileInfoRequestProto, { src: '/x' })).subarray(0, 30)],
  ] as const) {
    const c = await openHrpc(shim.namenode);
    c.write(HRPC_PREAMBLE);
    c.write(contextPacket('root'));
    c.write(tail);
    c.socket.end();
    assert.ok(await c.closedWithin(CLOSE_MS), `${what}: the connection ends`);
    assert.is(c.received, 0, `${what}: nothing was answered`);
    await lsWorks(what);
  }
});

test('seeded random packets after a valid handshake never take the namenode down', async () => {
  const rand = seededRandom(SEED);
  try {
    for (let i = 0; i < 25; i++) {
      const len = 1 + Math.floor(rand() * 200);
      const body = Buffer.from(Array.from({ length: len }, () => Math.floor(rand() * 256)));
      const c = await openHrpc(shim.namenode);
      c.write(HRPC_PREAMBLE);
      c.write(contextPacket('root'));
      c.write(Buffer.concat([u32(len), body]));
      c.socket.end();
      assert.ok(await c.closedWithin(CLOSE_MS), `packet ${i} closes`);
      alive();
    }
    await lsWorks('random packets');
  } catch (e) {
    console.error(`hdfs-malformed fuzz seed: FUZZ_SEED=${SEED}`);
    throw e;
  }
});

// DataTransferProtocol messages, declared here from hdfs.proto/datatransfer.proto field numbers.
const ExtendedBlockProto = defineMessage({
  poolId: { no: 1, type: 'string', required: true },
  blockId: { no: 2, type: 'uint64', required: true },
  generationStamp: { no: 3, type: 'uint64', required: true },
  numBytes: { no: 4, type: 'uint64' },
}, 'ExtendedBlockProto');
const TokenProto = defineMessage({
  identifier: { no: 1, type: 'bytes', required: true },
  password: { no: 2, type: 'bytes', required: true },
  kind: { no: 3, type: 'string', required: true },
  service: { no: 4, type: 'string', required: true },
}, 'TokenProto');
const BaseHeaderProto = defineMessage({
  block: { no: 1, type: 'message', message: ExtendedBlockProto, required: true },
  token: { no: 2, type: 'message', message: TokenProto },
}, 'BaseHeaderProto');
const ClientOperationHeaderProto = defineMessage({
  baseHeader: { no: 1, type: 'message', message: BaseHeaderProto, required: true },
  clientName: { no: 2, type: 'string', required: true },
}, 'ClientOperationHeaderProto');
const OpReadBlockProto = defineMessage({
  header: { no: 1, type: 'message', message: ClientOperationHeaderProto, required: true },
  offset: { no: 2, type: 'uint64', required: true },
  len: { no: 3, type: 'uint64', required: true },
}, 'OpReadBlockProto');
const BlockOpResponseProto = defineMessage({
  status: { no: 1, type: 'enum', required: true },
  firstBadLink: { no: 2, type: 'string' },
  message: { no: 5, type: 'string' },
}, 'BlockOpResponseProto');
const DT = { ERROR_UNSUPPORTED: 7, ERROR_ACCESS_TOKEN: 5 } as const;

/** Sends `bytes` on a fresh datanode connection (without ending it); resolves with all the server sent once it closed. */
function datanodeExchange(bytes: Buffer): Promise<{ closed: boolean; reply: Buffer }> {
  const [host, port] = [shim.datanode.slice(0, shim.datanode.lastIndexOf(':')), Number(shim.datanode.slice(shim.datanode.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const got: Buffer[] = [];
    const s = connect(port, host, () => s.write(bytes));
    const timer = setTimeout(() => { s.destroy(); resolve({ closed: false, reply: Buffer.concat(got) }); }, CLOSE_MS);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(timer); resolve({ closed: true, reply: Buffer.concat(got) }); });
  });
}

function readOp(token: { identifier: Buffer; kind: string }): Buffer {
  const msg = encode(OpReadBlockProto, {
    header: {
      baseHeader: {
        block: { poolId: 'BP-hcfs', blockId: 1n, generationStamp: 0n, numBytes: 10n },
        token: { identifier: token.identifier, password: Buffer.alloc(0), kind: token.kind, service: '' },
      },
      clientName: 'malformed-test',
    },
    offset: 0n,
    len: 10n,
  });
  return Buffer.concat([Buffer.from([0x00, 0x1c, 0x51]), encodeVarint(msg.length), msg]);
}

const DATANODE_CASES: Array<[string, Buffer, number | undefined]> = [
  ['wrong data transfer version', Buffer.from([0x00, 0x1b, 0x51, 0x00]), DT.ERROR_UNSUPPORTED],
  ['version 0xffff', Buffer.from([0xff, 0xff, 0x51, 0x00]), DT.ERROR_UNSUPPORTED],
  ['an unknown op code', Buffer.from([0x00, 0x1c, 0x63, 0x00]), DT.ERROR_UNSUPPORTED],
  ['READ_BLOCK whose op message is garbage', Buffer.from([0x00, 0x1c, 0x51, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), undefined],
  ['READ_BLOCK whose op message lacks required fields', Buffer.from([0x00, 0x1c, 0x51, 0x02, 0x10, 0x00]), undefined],
  ['READ_BLOCK with an op message length of 4 GiB', Buffer.from([0x00, 0x1c, 0x51, 0xff, 0xff, 0xff, 0xff, 0x0f]), undefined],
  ['READ_BLOCK with a token that is not ours', readOp({ identifier: randomBytes(40), kind: 'HDFS_BLOCK_TOKEN' }), DT.ERROR_ACCESS_TOKEN],
  ['READ_BLOCK with a JSON token naming nothing valid', readOp({ identifier: Buffer.from('{"p":"relative","g":1}'), kind: 'HCFS_BLOCK_REF' }), DT.ERROR_ACCESS_TOKEN],
];

test('malformed datanode ops close that socket or answer an error status, and the datanode keeps serving', async () => {
  for (const [what, bytes, status] of DATANODE_CASES) {
    const { closed, reply } = await datanodeExchange(bytes);
    assert.ok(closed, `${what}: the datanode closes the connection`);
    if (status === undefined) {
      assert.is(reply.length, 0, `${what}: dropped without a reply`);
    } else {
      const [first, ...rest] = splitDelimited(reply);
      assert.is(rest.length, 0, `${what}: one reply and nothing else`);
      const r = decode(BlockOpResponseProto, first!);
      assert.is(r.status, status, `${what}: status (message: ${r.message})`);
      assert.ok(reply.length >= 5, `${what}: the reply is at least the 5 bytes the Go client reads`);
    }
    alive();
  }
  const data = randomBytes(300_000);
  writeFileSync(join(local, 'small.bin'), data);
  const put = await hdfs(shim, ['put', join(local, 'small.bin'), '/after-garbage.bin'], { timeoutMs: 30_000 });
  assert.is(put.code, 0, put.err);
  const cat = await hdfs(shim, ['cat', '/after-garbage.bin'], { timeoutMs: 30_000 });
  assert.is(cat.code, 0, cat.err);
  assert.ok(cat.stdout.equals(data), 'the file reads back byte for byte');
});

/** One raw HTTP exchange with the WebHDFS namenode: the status code, headers text and body. */
function rawHttp(request: string): Promise<{ status: number; head: string; body: string }> {
  const [host, port] = [shim.webhdfs.slice(0, shim.webhdfs.lastIndexOf(':')), Number(shim.webhdfs.slice(shim.webhdfs.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = connect(port, host, () => s.write(request));
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`no answer to ${JSON.stringify(request)}`)); }, CLOSE_MS);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(got).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : text.slice(split + 4) });
    });
  });
}

async function webhdfsServes(what: string): Promise<void> {
  const res = await fetch(`http://${shim.webhdfs}/webhdfs/v1/?op=GETFILESTATUS&user.name=root`);
  assert.is(res.status, 200, `GETFILESTATUS / after ${what}`);
  assert.is(((await res.json()) as { FileStatus: { type: string } }).FileStatus.type, 'DIRECTORY');
  alive();
}

test('WebHDFS answers a malformed request line with 400 and keeps serving', async () => {
  const cases: Array<[string, number]> = [
    ['GARBAGE\r\n\r\n', 400],
    ['GET /webhdfs/v1/ HTTP/9.9\r\n\r\n', 400],
    ['\x00\x01\x02\r\n\r\n', 400],
    ['GET /webhdfs/v1/?op=GETFILESTATUS HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
    // Node's request-header limit (16 KiB) answers before any WebHDFS code runs.
    [`GET /webhdfs/v1/${'a'.repeat(20_000)}?op=GETFILESTATUS HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
  ];
  for (const [line, status] of cases) {
    const r = await rawHttp(line);
    assert.is(r.status, status, `${JSON.stringify(line.slice(0, 30))}: ${r.head}`);
    await webhdfsServes(JSON.stringify(line.slice(0, 30)));
  }
});

test('WebHDFS answers bad URLs and bad parameters with 400 RemoteException JSON and keeps serving', async () => {
  const base = `http://${shim.webhdfs}/webhdfs/v1`;
  const cases: Array<[string, string, string]> = [
    ['GET', '/%zz?op=GETFILESTATUS', 'bad percent-encoding'],
    ['GET', '/?op=NOSUCHOP', 'an unknown op'],
    ['GET', '/', 'no op'],
    ['PUT', '/?op=GETFILESTATUS', 'an op under the wrong method'],
    ['GET', '/?op=OPEN&offset=abc', 'a non-numeric offset'],
    ['GET', '/?op=OPEN&offset=-5', 'a negative offset'],
    ['GET', '/?op=OPEN&length=99999999999999999999', 'a length past a Java long'],
    ['PUT', '/bad?op=MKDIRS&permission=999', 'a non-octal permission'],
    ['PUT', '/bad?op=MKDIRS&permission=77777', 'a permission out of range'],
    ['DELETE', '/bad?op=DELETE&recursive=maybe', 'a non-boolean recursive'],
    ['PUT', '/bad?op=CREATE&overwrite=yes', 'a non-boolean overwrite before the redirect'],
    ['PUT', '/bad?op=RENAME', 'RENAME without destination'],
    ['PUT', '/bad?op=SETXATTR&xattr.name=nonamespace', 'an xattr name without a namespace'],
    ['GET', '/?op=GETXATTRS&encoding=rot13', 'an unknown xattr encoding'],
  ];
  for (const [method, target, what] of cases) {
    const res = await fetch(base + target, { method, redirect: 'manual' });
    const text = await res.text();
    assert.is(res.status, 400, `${what}: ${res.status} ${text}`);
    assert.is(res.headers.get('content-type'), 'application/json', what);
    const ex = (JSON.parse(text) as { RemoteException: Record<string, string> }).RemoteException;
    assert.is(ex.javaClassName, 'org.apache.hadoop.HadoopIllegalArgumentException', `${what}: ${text}`);
    assert.is(ex.exception, 'HadoopIllegalArgumentException', what);
    assert.ok(ex.message && ex.message.length > 0, what);
  }
  // fetch would resolve `..` itself, so this one goes raw.
  const dots = await rawHttp('GET /webhdfs/v1/a/%2E%2E/b?op=GETFILESTATUS HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.is(dots.status, 400, `a .. component: ${dots.head}\n${dots.body}`);
  assert.is(JSON.parse(dots.body).RemoteException.javaClassName, 'org.apache.hadoop.HadoopIllegalArgumentException');
  const missing = await fetch(`http://${shim.webhdfs}/not-webhdfs?op=GETFILESTATUS`);
  assert.is(missing.status, 404, 'a path outside /webhdfs/v1');
  await missing.text();
  await webhdfsServes('bad parameters');
  const bad = await fetch(`${base}/?op=OPEN&offset=abc`);
  await bad.text();
  await webhdfsServes('another bad parameter');
});

test.run();
