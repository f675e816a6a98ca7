import { statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { brickXattrs } from '../support/brick-inspect.js';
import { hdfs, type HdfsResult, type TestShim } from '../support/hdfs.js';
import { NamenodeClient, withNamenode } from '../support/namenode-client.js';

// What HDFS clients can do to the servers' own files: nothing HDFS itself does not allow. No
// mode a client sends (chmod 4755/2755, mkdirs or create with setuid/setgid) leaves a
// setuid or setgid bit on any brick copy, and no xattr outside HDFS's namespaces (file
// capabilities, SELinux labels, system., raw.) reaches one, over RPC or WebHDFS.
const test = suite('e2e/hdfs-host-safety');
const ACE = 'org.apache.hadoop.security.AccessControlException';
const S_ISUID = 0o4000, S_ISGID = 0o2000;
/** XAttrProto's namespace numbers. */
const NS = { user: 0, trusted: 1, security: 2, system: 3, raw: 4 } as const;

let cluster: TestCluster;
let shim: TestShim;

function ok(r: HdfsResult, what: string): HdfsResult {
  assert.is(r.code, 0, `${what}: ${r.err}`);
  return r;
}

/** The mode bits of every brick copy of a volume path. */
function brickModes(path: string): number[] {
  return cluster.bricks.map((b) => statSync(join(b.path, path)).mode & 0o7777);
}

function noSetid(path: string, want: number): void {
  for (const mode of brickModes(path)) {
    assert.is(mode & (S_ISUID | S_ISGID), 0, `${path} on a brick has mode ${mode.toString(8)}`);
    assert.is(mode, want, `${path}: the other bits applied`);
  }
}

function rpc<T>(user: string, f: (c: NamenodeClient) => Promise<T>): Promise<T> {
  return withNamenode(cluster.hdfs!.namenode, user, f);
}

function web(path: string, op: string, params: Record<string, string>, user: string): string {
  return `http://${cluster.hdfs!.webhdfs}/webhdfs/v1${path}?${new URLSearchParams({ op, 'user.name': user, ...params })}`;
}

async function put(url: string): Promise<{ status: number; ex?: { javaClassName: string; message: string } }> {
  const res = await fetch(url, { method: 'PUT', redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, ex: text ? (JSON.parse(text) as { RemoteException?: { javaClassName: string; message: string } }).RemoteException : undefined };
}

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2, hdfs: true });
  shim = { namenode: cluster.hdfs!.namenode } as TestShim;
  ok(await hdfs(shim, ['mkdir', '-p', '/s']), 'mkdir');
  ok(await hdfs(shim, ['chmod', '777', '/s']), 'chmod /s');
  ok(await hdfs(shim, ['put', '-', '/s/tool.sh'], { user: 'alice', input: '#!/bin/sh\nid\n' }), 'put as alice');
  ok(await hdfs(shim, ['put', '-', '/s/root.sh'], { input: '#!/bin/sh\nid\n' }), 'put as root');
});

test.after(async () => {
  await cluster?.stop();
});

test('hdfs chmod 2755 (the owner) and 4755/6777 (root) leave no setuid or setgid bit on any brick copy', async () => {
  ok(await hdfs(shim, ['chmod', '2755', '/s/tool.sh'], { user: 'alice' }), 'chmod 2755 as the owner');
  noSetid('/s/tool.sh', 0o755);
  ok(await hdfs(shim, ['chmod', '4755', '/s/root.sh']), 'chmod 4755 as root');
  noSetid('/s/root.sh', 0o755);
  ok(await hdfs(shim, ['mkdir', '/s/dir']), 'mkdir');
  ok(await hdfs(shim, ['chmod', '6777', '/s/dir']), 'chmod 6777 on a directory');
  noSetid('/s/dir', 0o777);
  ok(await hdfs(shim, ['chmod', '1777', '/s/dir']), 'the sticky bit is HDFS\'s');
  noSetid('/s/dir', 0o1777);
  const ls = ok(await hdfs(shim, ['ls', '-l', '/s/root.sh']), 'ls -l').out;
  assert.match(ls, /^-rwxr-xr-x /);
});

test('raw RPC create, mkdirs and setPermission with setuid/setgid get rwx and sticky only', async () => {
  await rpc('alice', async (c) => {
    await c.call('mkdirs', { src: '/s/sgid-dir/sub', masked: { perm: 0x8000_0000 + 0o2775 }, createParent: true });
    await c.call('create', { src: '/s/suid-file', masked: { perm: 0o6755 }, clientName: 'c1', createFlag: 1, createParent: false, replication: 2, blockSize: 134217728n });
    await c.call('complete', { src: '/s/suid-file', clientName: 'c1' });
    await c.call('setPermission', { src: '/s/tool.sh', permission: { perm: 0o7755 } });
  });
  noSetid('/s/sgid-dir', 0o775);
  noSetid('/s/sgid-dir/sub', 0o775);
  noSetid('/s/suid-file', 0o755);
  noSetid('/s/tool.sh', 0o1755);
});

test('WebHDFS refuses permissions past 1777, as Hadoop\'s parameter does, and applies the sticky bit', async () => {
  for (const [op, perm] of [['SETPERMISSION', '4755'], ['MKDIRS', '2755'], ['SETPERMISSION', '6777']] as const) {
    const r = await put(web(op === 'MKDIRS' ? '/s/web-dir' : '/s/tool.sh', op, { permission: perm }, 'alice'));
    assert.is(r.status, 400, `${op} ${perm}`);
  }
  assert.is((await put(web('/s/web-dir', 'MKDIRS', { permission: '1777' }, 'alice'))).status, 200);
  noSetid('/s/web-dir', 0o1777);
});

test('security.capability is refused over RPC and WebHDFS, for the owner and root alike; nothing reaches a brick', async () => {
  const cap = { namespace: NS.security, name: 'capability', value: Buffer.from('0100000200200000000000000000000000000000', 'hex') };
  for (const user of ['alice', 'root']) {
    const e = await rpc(user, (c) => c.fails('setXAttr', { src: '/s/tool.sh', xAttr: cap, flag: 3 }));
    assert.equal([e.className, e.message], [ACE, `${ACE}: User doesn't have permission for xattr: security.capability`], user);
    const w = await put(web('/s/tool.sh', 'SETXATTR', { 'xattr.name': 'security.capability', 'xattr.value': '0x01000002', flag: 'CREATE' }, user));
    assert.equal([w.status, w.ex?.javaClassName, w.ex?.message], [403, ACE, 'User doesn\'t have permission for xattr: security.capability'], user);
  }
  for (const xAttr of [{ namespace: NS.security, name: 'selinux', value: Buffer.from('system_u:object_r:shadow_t:s0') },
    { namespace: NS.system, name: 'posix_acl_access', value: Buffer.from('x') }, { namespace: NS.raw, name: 'x', value: Buffer.from('y') }]) {
    const e = await rpc('root', (c) => c.fails('setXAttr', { src: '/s/tool.sh', xAttr, flag: 3 }));
    assert.is(e.className, ACE, xAttr.name);
  }
  const t = await rpc('alice', (c) => c.fails('setXAttr', { src: '/s/tool.sh', xAttr: { namespace: NS.trusted, name: 'x', value: Buffer.from('1') }, flag: 3 }));
  assert.is(t.className, ACE, 'trusted. is the superuser\'s');
  for (const b of cluster.bricks) {
    const x = (await brickXattrs(b.path)).get('/s/tool.sh') ?? {};
    assert.equal(Object.keys(x).filter((k) => k.startsWith('security.') || k.startsWith('system.') || k === 'trusted.x'), [], b.path);
  }
});

test('user. xattrs still work over RPC and WebHDFS; the unreadable-by-superuser marker keeps root out', async () => {
  await rpc('alice', (c) => c.call('setXAttr', { src: '/s/tool.sh', xAttr: { namespace: NS.user, name: 'color', value: Buffer.from('blue') }, flag: 3 }));
  assert.is((await put(web('/s/tool.sh', 'SETXATTR', { 'xattr.name': 'user.size', 'xattr.value': '"big"' }, 'alice'))).status, 200);
  const got = await rpc('alice', (c) => c.call('getXAttrs', { src: '/s/tool.sh', xAttrs: [] }));
  assert.equal(got.xAttrs.map((x) => `${x.name}=${x.value?.toString()}`).sort(), ['color=blue', 'size=big']);
  for (const b of cluster.bricks) assert.is((await brickXattrs(b.path)).get('/s/tool.sh')?.['user.color'], '0x626c7565');
  assert.is((await put(web('/s/tool.sh', 'SETXATTR', { 'xattr.name': 'security.hdfs.unreadable.by.superuser' }, 'alice'))).status, 200);
  const denied = await hdfs(shim, ['cat', '/s/tool.sh']);
  assert.is(denied.code, 1, 'root may not read it');
  assert.match(denied.err, /AccessControlException/);
  assert.is(ok(await hdfs(shim, ['cat', '/s/tool.sh'], { user: 'alice' }), 'the owner reads').out, '#!/bin/sh\nid\n');
});

test.run();
