import { mountVolfile, type Volume } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { blockIdOf, OpenBlocks, POOL_ID } from '../../src/blocks/index.js';
import { datanodeIpcHandler } from '../../src/datanode/ipc-handler.js';
import { CLIENT_DATANODE_PROTOCOL, DATANODE_METHODS, type DatanodeMethod } from '../../src/datanode/ipc-messages.js';
import { decode, encode, isIpcError, RPC_ERROR_CODE, type IpcError, type MessageSchema } from '../../src/ipc/index.js';

const t = suite('datanode/ipc-handler');
const BS = 1024;
let vol: Volume;
let blocks: OpenBlocks;
let handle: ReturnType<typeof datanodeIpcHandler>;

t.before(async () => {
  vol = await mountVolfile(JSON.stringify({ volume: 'tv', top: 'b', nodes: [{ name: 'b', type: 'storage/memory' }] }));
  blocks = new OpenBlocks();
  handle = datanodeIpcHandler({ volume: vol, openBlocks: blocks, version: 'test 1' });
});
t.after(async () => vol.graph.close());

const who = (protocol = CLIENT_DATANODE_PROTOCOL) => ({ user: 'blk_1_1001', protocol, callId: 1, signal: new AbortController().signal });

async function call(method: DatanodeMethod, req: object): Promise<Record<string, unknown>> {
  const spec = DATANODE_METHODS[method];
  return decode(spec.response as MessageSchema, await handle(method, encode(spec.request as MessageSchema, req as never), who())) as Record<string, unknown>;
}

async function fails(method: string, req: Buffer, protocol?: string): Promise<IpcError> {
  try {
    await handle(method, req, who(protocol));
  } catch (e) {
    assert.ok(isIpcError(e), String(e));
    return e as IpcError;
  }
  assert.unreachable(`${method} succeeded`);
  throw new Error('unreachable');
}

const block = (id: bigint) => ({ poolId: POOL_ID, blockId: id, generationStamp: 1001n, numBytes: 0n });
const visibleLength = (id: bigint) => encode(DATANODE_METHODS.getReplicaVisibleLength.request, { block: block(id) });

t('getReplicaVisibleLength: the bytes of a known block that are on the volume now, within the block', async () => {
  await vol.writeFile('/f', Buffer.alloc(BS + 300));
  const gfid = (await vol.stat('/f')).gfid;
  blocks.remember({ path: '/f', gfid, index: 1, blockSize: BS });
  blocks.remember({ path: '/f', gfid, index: 0, blockSize: BS });
  assert.equal(await call('getReplicaVisibleLength', { block: block(blockIdOf(gfid, 1)) }), { length: 300n });
  assert.equal(await call('getReplicaVisibleLength', { block: block(blockIdOf(gfid, 0)) }), { length: BigInt(BS) });
  await vol.writeFile('/f', Buffer.alloc(100), { append: true });
  assert.equal(await call('getReplicaVisibleLength', { block: block(blockIdOf(gfid, 1)) }), { length: 400n }, 'it grows as the writer writes');
});

t('a block whose file is gone or replaced is ReplicaNotFoundException; an unknown one an IOException', async () => {
  await vol.writeFile('/g', Buffer.alloc(10));
  const gfid = (await vol.stat('/g')).gfid;
  blocks.remember({ path: '/g', gfid, index: 0, blockSize: BS });
  await vol.unlink('/g');
  await vol.writeFile('/g', Buffer.alloc(10));
  const replaced = await fails('getReplicaVisibleLength', visibleLength(blockIdOf(gfid, 0)));
  assert.is(replaced.exceptionClassName, 'org.apache.hadoop.hdfs.server.datanode.ReplicaNotFoundException');
  assert.match(replaced.message, /^Replica does not exist BP-hcfs:\d+$/);
  const unknown = await fails('getReplicaVisibleLength', visibleLength(12345n));
  assert.is(unknown.exceptionClassName, 'java.io.IOException');
  assert.match(unknown.message, /blk_12345 is not a block under construction this datanode knows of/);
});

t('getDatanodeInfo answers; getBlockLocalPathInfo is refused as HDFS refuses it without dfs.block.local-path-access.user', async () => {
  const info = (await call('getDatanodeInfo', {})).localInfo as { softwareVersion: string; uptime: bigint };
  assert.is(info.softwareVersion, 'test 1');
  assert.ok(typeof info.uptime === 'bigint');
  const e = await fails('getBlockLocalPathInfo', encode(DATANODE_METHODS.getBlockLocalPathInfo.request, { block: block(1n) }));
  assert.is(e.exceptionClassName, 'org.apache.hadoop.security.AccessControlException');
  assert.match(e.message, /The user blk_1_1001 is not configured in dfs.block.local-path-access.user/);
});

t('other methods are RpcNoSuchMethodException; another protocol RpcNoSuchProtocolException', async () => {
  const e = await fails('triggerBlockReport', Buffer.alloc(0));
  assert.is(e.exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchMethodException');
  assert.is(e.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
  assert.is(e.message, `Unknown method triggerBlockReport called on ${CLIENT_DATANODE_PROTOCOL} protocol.`);
  const p = await fails('getFileInfo', Buffer.alloc(0), 'org.apache.hadoop.hdfs.protocol.ClientProtocol');
  assert.is(p.exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchProtocolException');
  assert.is(p.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_PROTOCOL);
  assert.is(p.message, 'Unknown protocol: org.apache.hadoop.hdfs.protocol.ClientProtocol');
});

t.run();
