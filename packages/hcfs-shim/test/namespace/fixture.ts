import { FsError, mountVolfile, type Errno, type Volume } from 'glusterfs-core';
import * as assert from 'uvu/assert';
import { createNamespace, type HdfsNamespace, type HdfsUser, type NamespaceOptions } from '../../src/namespace/index.js';
import type { OsAccounts } from '../../src/namespace/os-accounts.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';

/** Block size of every test namespace: small, so a few KiB span several blocks. */
export const BLOCK = 4096;

/**
 * Fixed host accounts, so nothing depends on this machine's /etc files: root (0/0, group root)
 * is the superuser; alice and carol share `staff`; bob is in `guests`; sam is in `supergroup`.
 */
export function testAccounts(): OsAccounts {
  const users: [string, number, string[]][] = [
    ['root', 0, ['root']], ['alice', 1001, ['staff']], ['bob', 1002, ['guests']],
    ['carol', 1003, ['guests', 'staff']], ['sam', 1004, ['supergroup']],
  ];
  const groups: [string, number][] = [['root', 0], ['staff', 1000], ['guests', 1100], ['supergroup', 2000]];
  return {
    uidByName: new Map(users.map(([n, id]) => [n, id])),
    nameByUid: new Map(users.map(([n, id]) => [id, n])),
    gidByName: new Map(groups),
    nameByGid: new Map(groups.map(([n, id]) => [id, n])),
    groupsByUser: new Map(users.map(([n, , g]) => [n, g])),
  };
}

/** HDFS users with the groups the accounts above give them. */
export const U = {
  root: { name: 'root', groups: ['root'] },
  alice: { name: 'alice', groups: ['staff'] },
  bob: { name: 'bob', groups: ['guests'] },
  carol: { name: 'carol', groups: ['guests', 'staff'] },
  sam: { name: 'sam', groups: ['supergroup'] },
} satisfies Record<string, HdfsUser>;

/** A fresh single-brick storage/memory volume, mounted from volfile text. */
export function memoryVolume(): Promise<Volume> {
  return mountVolfile(JSON.stringify({ volume: 'tv', top: 'tv-brick-0', nodes: [{ name: 'tv-brick-0', type: 'storage/memory' }] }));
}

/** A namespace over `vol` with the test accounts, root as superuser, 4 KiB blocks and short leases. */
export function testNamespace(vol: Volume, opts: Partial<NamespaceOptions> = {}): HdfsNamespace {
  return createNamespace(vol, {
    datanodes: { xferPort: 9866, httpPort: 9864, localHost: '127.0.0.1' }, superuser: 'root', accounts: testAccounts(),
    blockSize: BLOCK, leases: { softMs: 200, hardMs: 400 }, blockTokens: TEST_TOKENS, ...opts,
  });
}

/** A volume and a namespace over it; `close()` stops the namespace and the graph. */
export interface Fixture {
  vol: Volume;
  ns: HdfsNamespace;
  close(): Promise<void>;
}

/** Mounts a memory volume with one namespace over it. */
export async function openFixture(opts: Partial<NamespaceOptions> = {}): Promise<Fixture> {
  const vol = await memoryVolume();
  const ns = testNamespace(vol, opts);
  return { vol, ns, async close() { ns.close(); await vol.graph.close(); } };
}

/** Asserts that `p` rejects with an FsError of `code` (and a message matching `msg`, if given). */
export async function rejects(p: Promise<unknown>, code: Errno, msg?: RegExp): Promise<FsError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, FsError);
    const fe = e as FsError;
    assert.is(fe.code, code, `expected ${code}, got ${fe.code}: ${fe.message}`);
    if (msg) assert.match(fe.message, msg);
    return fe;
  }
  assert.unreachable(`expected ${code}`);
  throw new Error('unreachable');
}

/** Creates and completes a file of `bytes` bytes (written through the volume, as a datanode would). */
export async function writeFile(ns: HdfsNamespace, user: HdfsUser, path: string, bytes = 0, permission = 0o644): Promise<void> {
  await ns.create(user, path, { permission, overwrite: false, createParent: false, clientName: 'writer' });
  if (bytes > 0) await ns.volume.writeFile(path, Buffer.alloc(bytes, 0x61), { append: true });
  await ns.complete(user, path, 'writer');
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
