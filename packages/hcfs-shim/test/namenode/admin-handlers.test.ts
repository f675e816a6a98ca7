import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, encode, isIpcError, MAX_UINT64, type IpcError, type MessageInit, type MessageSchema, type MessageValue } from '../../src/ipc/index.js';
import { CLIENT_PROTOCOL, namenodeHandler } from '../../src/namenode/dispatch.js';
import { METHODS, type MethodName } from '../../src/namenode/protocol-messages.js';
import { BLOCK, openFixture, U, writeFile, type Fixture } from '../namespace/fixture.js';

type Req<M extends MethodName> = MessageInit<(typeof METHODS)[M]['request']>;
type Res<M extends MethodName> = MessageValue<(typeof METHODS)[M]['response']>;

const t = suite('namenode/admin-handlers over a memory volume');
let f: Fixture;
let handle: ReturnType<typeof namenodeHandler>;
t.before(async () => {
  f = await openFixture();
  handle = namenodeHandler(f.ns);
  await f.ns.mkdirs(U.root, '/q/sub', 0o755, true);
  await writeFile(f.ns, U.root, '/q/a', 100);
  await writeFile(f.ns, U.root, '/q/sub/b', BLOCK + 1, 0o600);
});
t.after(async () => f.close());

const ctx = (user: string) => ({ user, protocol: CLIENT_PROTOCOL, callId: 1, signal: new AbortController().signal });

async function call<M extends MethodName>(method: M, req: Req<M>, user = 'root'): Promise<Res<M>> {
  const spec = METHODS[method];
  return decode(spec.response as MessageSchema, await handle(method, encode(spec.request as MessageSchema, req as never), ctx(user))) as Res<M>;
}

async function fails<M extends MethodName>(method: M, req: Req<M>, user = 'root'): Promise<IpcError> {
  try {
    await handle(method, encode(METHODS[method].request as MessageSchema, req as never), ctx(user));
  } catch (e) {
    assert.ok(isIpcError(e), String(e));
    return e as IpcError;
  }
  assert.unreachable(`${method} succeeded`);
  throw new Error('unreachable');
}

const ACE = 'org.apache.hadoop.security.AccessControlException';
const FNF = 'java.io.FileNotFoundException';

// Directories are summed on the bricks (a memory volume has none): the e2e suites cover them.
t('getQuotaUsage: names and space (times the copies) of a file, no quotas', async () => {
  const u = (await call('getQuotaUsage', { path: '/q/a' })).usage;
  assert.equal(u, { fileAndDirectoryCount: 1n, quota: MAX_UINT64, spaceConsumed: 100n, spaceQuota: MAX_UINT64 });
  assert.is((await fails('getQuotaUsage', { path: '/nope' })).exceptionClassName, FNF);
});

t('checkAccess: the caller\'s rwx on the path; a missing one is HDFS\'s "Path not found"', async () => {
  assert.equal(await call('checkAccess', { path: '/q/sub/b', mode: 6 }), {});
  const denied = await fails('checkAccess', { path: '/q/sub/b', mode: 4 }, 'bob');
  assert.is(denied.exceptionClassName, ACE);
  assert.match(denied.message, /user=bob, access=READ, inode="\/q\/sub\/b"/);
  const missing = await fails('checkAccess', { path: '/q/none', mode: 4 });
  assert.equal([missing.exceptionClassName, missing.message], [FNF, 'Path not found: /q/none']);
});

t('getPreferredBlockSize: the file\'s block size; a directory or a missing path is FileNotFoundException', async () => {
  assert.equal(await call('getPreferredBlockSize', { filename: '/q/a' }), { bsize: BigInt(BLOCK) });
  assert.is((await fails('getPreferredBlockSize', { filename: '/q' })).message, 'Path is not a file: /q');
  assert.is((await fails('getPreferredBlockSize', { filename: '/q/none' })).message, 'File does not exist: /q/none');
});

t('storage policies: HDFS\'s suite, HOT everywhere, changes refused as with dfs.storage.policy.enabled=false', async () => {
  const all = (await call('getStoragePolicies', {})).policies;
  assert.equal(all.map((p) => `${p.name}:${p.policyId}`), ['PROVIDED:1', 'COLD:2', 'WARM:5', 'HOT:7', 'ONE_SSD:10', 'ALL_SSD:12', 'ALL_NVDIMM:14', 'LAZY_PERSIST:15']);
  const hot = (await call('getStoragePolicy', { path: '/q/a' })).storagePolicy;
  assert.equal([hot.name, hot.policyId, hot.creationPolicy.storageTypes, hot.replicationFallbackPolicy?.storageTypes], ['HOT', 7, [1], [3]]);
  assert.is((await fails('getStoragePolicy', { path: '/nope' })).message, 'File/Directory does not exist: /nope');
  for (const [m, op] of [['setStoragePolicy', 'set'], ['unsetStoragePolicy', 'unset'], ['satisfyStoragePolicy', 'satisfy']] as const) {
    const e = await fails(m, { src: '/q/a', policyName: 'COLD' });
    assert.equal([e.exceptionClassName, e.message], ['java.io.IOException', `Failed to ${op} storage policy since dfs.storage.policy.enabled is set to false.`]);
  }
});

t('dfsadmin -report\'s calls: never in safe mode, no block trouble, one live datanode per server; superuser only', async () => {
  assert.equal(await call('setSafeMode', { action: 3 }, 'bob'), { result: false });
  assert.equal(await call('setSafeMode', { action: 1 }), { result: false });
  const enter = await fails('setSafeMode', { action: 2 }, 'bob');
  assert.equal([enter.exceptionClassName, enter.message], [ACE, 'Access denied for user bob. Superuser privilege is required for operation safemode_enter']);
  assert.is((await fails('setSafeMode', { action: 2 })).exceptionClassName, 'java.lang.UnsupportedOperationException');
  const rb = await call('getFsReplicatedBlockStats', {});
  assert.equal(Object.values(rb), [0n, 0n, 0n, 0n, 0n, 0n, 0n]);
  assert.equal(Object.values(await call('getFsECBlockGroupStats', {})), [0n, 0n, 0n, 0n, 0n, 0n]);
  const denied = await fails('getDatanodeReport', { type: 1 }, 'bob');
  assert.is(denied.message, 'Access denied for user bob. Superuser privilege is required for operation datanodeReport');
  // A memory volume has no bricks on any server: nobody to report.
  assert.equal(await call('getDatanodeReport', { type: 1 }), { di: [] });
  assert.equal(await call('getSlowDatanodeReport', {}), { datanodeInfoProto: [] });
});

t.run();
