import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from 'glusterfs-core';
import { POOL_ID } from '../../src/blocks/index.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';
import type { FileStatus, LocatedBlocks } from '../../src/namespace/types.js';
import { blockLocationsJson, locatedBlocksJson, tokenUrlString } from '../../src/webhdfs/blocks-json.js';
import { toJsonText } from '../../src/webhdfs/json-text.js';
import { remoteExceptionOf } from '../../src/webhdfs/remote-exception.js';
import { contentSummaryJson, directoryListingJson, fileStatusJson } from '../../src/webhdfs/status-json.js';

const FILE: FileStatus = {
  type: 'file', name: 'a.txt', length: 1234, permission: 0o644, owner: 'alice', group: 'staff',
  mtime: 1_700_000_000_123, atime: 1_700_000_000_000, blockSize: 134217728, replication: 3,
  fileId: 0xfedcba9876543210n, childrenNum: 0,
};

test('FileStatus maps to WebHDFS fields; permission is octal text without a leading zero', () => {
  assert.equal(fileStatusJson(FILE), {
    accessTime: 1_700_000_000_000, blockSize: 134217728, childrenNum: 0, fileId: 0xfedcba9876543210n,
    group: 'staff', length: 1234, modificationTime: 1_700_000_000_123, owner: 'alice', pathSuffix: 'a.txt',
    permission: '644', replication: 3, storagePolicy: 0, type: 'FILE',
  });
  const dir = fileStatusJson({ ...FILE, type: 'dir', permission: 0o1777, childrenNum: 2 });
  assert.is(dir.type, 'DIRECTORY');
  assert.is(dir.permission, '1777');
  const link = fileStatusJson({ ...FILE, type: 'symlink', symlink: '/target' });
  assert.is(link.type, 'SYMLINK');
  assert.is(link.symlink, '/target');
  assert.not.ok('symlink' in fileStatusJson(FILE));
});

test('64-bit ids are written as exact integers', () => {
  const text = toJsonText({ FileStatus: fileStatusJson(FILE) });
  assert.ok(text.includes('"fileId":18364758544493064720'), text);
  assert.is(toJsonText({ a: [1n, -2n], s: 'big:1' }), '{"a":[1,-2],"s":"big:1"}');
});

test('listing pages and content summaries have Hadoop\'s nesting', () => {
  assert.equal(directoryListingJson({ entries: [FILE], remaining: 7 }), {
    DirectoryListing: { partialListing: { FileStatuses: { FileStatus: [fileStatusJson(FILE)] } }, remainingEntries: 7 },
  });
  assert.equal(contentSummaryJson({ length: 10, fileCount: 2, directoryCount: 1, spaceConsumed: 30 }), {
    ContentSummary: { directoryCount: 1, fileCount: 2, length: 10, quota: -1, spaceConsumed: 30, spaceQuota: -1, typeQuota: {} },
  });
});

const DN = { ip: '10.0.0.5', hostName: 'dn5', xferPort: 9866, infoPort: 9864, ipcPort: 0, uuid: '10.0.0.5:9866' };
const REF = { path: '/f', gfid: '00000000-0000-0000-0000-000000000042', index: 0, blockSize: 1024 };
const TOKEN = TEST_TOKENS.generateToken({ userId: 'alice', blockPoolId: POOL_ID, ref: REF, modes: ['READ'] });
const LBS: LocatedBlocks = {
  fileLength: 1500,
  blocks: [
    { ref: REF, blockId: 42n << 24n, generationStamp: 1001n, offset: 0, length: 1024, locations: [DN], token: TOKEN },
    { ref: { ...REF, index: 1 }, blockId: (42n << 24n) | 1n, generationStamp: 1001n, offset: 1024, length: 476, locations: [DN], token: TOKEN },
  ],
  underConstruction: false,
  isLastBlockComplete: true,
};

test('GETFILEBLOCKLOCATIONS gives FileSystem BlockLocations', () => {
  const j = blockLocationsJson(LBS) as { BlockLocations: { BlockLocation: Record<string, unknown>[] } };
  assert.is(j.BlockLocations.BlockLocation.length, 2);
  assert.equal(j.BlockLocations.BlockLocation[1], {
    cachedHosts: [], corrupt: false, hosts: ['dn5'], length: 476, names: ['10.0.0.5:9866'], offset: 1024,
    storageTypes: ['DISK'], topologyPaths: ['/default-rack/10.0.0.5:9866'],
  });
});

test('GET_BLOCK_LOCATIONS gives LocatedBlocks with blocks, datanodes and tokens', () => {
  const j = locatedBlocksJson(LBS) as { LocatedBlocks: Record<string, unknown> };
  const lb = j.LocatedBlocks;
  assert.is(lb.fileLength, 1500);
  assert.is(lb.isUnderConstruction, false);
  assert.is(lb.lastLocatedBlock, null);
  const first = (lb.locatedBlocks as Record<string, unknown>[])[0]!;
  assert.equal(first.block, { blockId: 42n << 24n, blockPoolId: 'BP-hcfs', generationStamp: 1001n, numBytes: 1024 });
  assert.is(first.startOffset, 0);
  const loc = (first.locations as Record<string, unknown>[])[0]!;
  assert.is(loc.ipAddr, '10.0.0.5');
  assert.is(loc.infoPort, 9864);
  assert.is(loc.name, '10.0.0.5:9866');
  assert.is((first.blockToken as { urlString: string }).urlString, tokenUrlString(TOKEN));
});

test('token url strings are the Writable form in unpadded URL-safe base64', () => {
  const s = tokenUrlString({ identifier: Buffer.from([1, 2]), password: Buffer.alloc(0), kind: 'K', service: '' });
  assert.is(Buffer.from(s, 'base64url').toString('hex'), '02' + '0102' + '00' + '01' + '4b' + '00');
  const long = tokenUrlString({ identifier: Buffer.alloc(200, 7), password: Buffer.alloc(0), kind: '', service: '' });
  assert.is(Buffer.from(long, 'base64url').subarray(0, 2).toString('hex'), '8fc8');
  assert.not.ok(long.includes('=') || long.includes('+') || long.includes('/'));
});

test('errors become RemoteException JSON with the status errors.ts gives', () => {
  assert.equal(remoteExceptionOf(new FsError('ENOENT', 'File does not exist: /x')), {
    status: 404,
    body: { RemoteException: { exception: 'FileNotFoundException', javaClassName: 'java.io.FileNotFoundException', message: 'File does not exist: /x' } },
  });
  assert.is(remoteExceptionOf(new FsError('EACCES', 'no')).status, 403);
  assert.is(remoteExceptionOf(new FsError('EINVAL', 'bad')).status, 400);
  assert.is(remoteExceptionOf(new Error('bug')).body.RemoteException.exception, 'IOException');
});

test.run();
