import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setAttributeSync } from '@napi-rs/xattr';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, gfidToBuffer, type JournalOp, type JournalRecord } from 'glusterfs-core';
import { applyRecord, type IndexState } from '../../src/index/apply-record.js';
import { crawlBrick } from '../../src/index/crawl.js';
import { compilePattern } from '../../src/index/pattern.js';
import { loadShard, saveShard } from '../../src/index/persist.js';
import { buildSegment, runStepsSync } from '../../src/index/segment.js';
import { Shard, byCodeUnit } from '../../src/index/shard.js';

// A brick directory laid out as storage/posix does (directories carry trusted.gfid; link
// files are zero-byte ---------T files; .glusterfs holds handles), crawled, then changed by
// journal records in the order a brick writes them.
const test = suite('index/apply-record');
let root = '';

const G = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const A = G(10), B = G(11), C = G(12), D = G(13);

function mkdirWithGfid(path: string, gfid: string): void {
  mkdirSync(join(root, path));
  setAttributeSync(join(root, path), 'trusted.gfid', gfidToBuffer(gfid));
}

test.before(() => {
  root = mkdtempSync(join(tmpdir(), 'glocate-brick-'));
  mkdirSync(join(root, '.glusterfs/ab/cd'), { recursive: true });
  writeFileSync(join(root, '.glusterfs/ab/cd/handle'), 'x');
  mkdirWithGfid('a', A);
  mkdirWithGfid('a/b', B);
  writeFileSync(join(root, 'a/b/file.txt'), 'data');
  writeFileSync(join(root, 'a/link-file'), '');
  chmodSync(join(root, 'a/link-file'), 0o1000);
  writeFileSync(join(root, 'top'), '');
});
test.after(() => rmSync(root, { recursive: true, force: true }));

function crawl(): IndexState {
  const found = runStepsSync(crawlBrick(root, { entries: 0, dirsRead: 0, dirsQueued: 0, startedAt: 0 }));
  found.entries.sort((x, y) => byCodeUnit(x[0], y[0]));
  const shard = new Shard(runStepsSync(buildSegment(found.entries.map((e) => e[0]), (i) => found.entries[i]![1])));
  return { shard, dirs: found.dirs };
}

function all(ix: IndexState): string[] {
  return ix.shard.query([compilePattern({ text: '/', syntax: 'locate', ignoreCase: false, basename: false })], { all: false }).paths;
}

let ts = 0;
function rec(op: JournalOp, gfid: string, pargfid: string, name: string, extra: Partial<JournalRecord> = {}): JournalRecord {
  return {
    kind: 'E', op, gfid, ts: ++ts, entry: { pargfid, name }, primary: true, heal: false, dhtLink: false,
    next: { file: 'CHANGELOG.0', offset: ts }, ...extra,
  };
}

test('a crawl finds names and directory GFIDs, skipping .glusterfs and DHT link files', () => {
  const ix = crawl();
  assert.equal(all(ix), ['/a', '/a/b', '/a/b/file.txt', '/top']);
  assert.is(ix.dirs.pathOf(B), '/a/b');
});

test('records apply in journal order, parents resolved as they were when written', () => {
  const ix = crawl();
  const steps: [JournalRecord, string[]][] = [
    [rec('MKDIR', C, B, 'c'), ['/a', '/a/b', '/a/b/c', '/a/b/file.txt', '/top']],
    [rec('CREATE', G(20), C, 'new.c', { mode: 0o100644 }), ['/a', '/a/b', '/a/b/c', '/a/b/c/new.c', '/a/b/file.txt', '/top']],
    [rec('CREATE', G(21), C, 'linkto', { mode: 0o101000, dhtLink: true }), ['/a', '/a/b', '/a/b/c', '/a/b/c/new.c', '/a/b/file.txt', '/top']],
    // A link file renamed over a name: the data of that name now lives on another set.
    [rec('CREATE', G(24), C, 'old.c', { mode: 0o100644 }), ['/a', '/a/b', '/a/b/c', '/a/b/c/new.c', '/a/b/c/old.c', '/a/b/file.txt', '/top']],
    [rec('RENAME', G(21), C, 'linkto', { to: { pargfid: C, name: 'old.c' }, dhtLink: true }), ['/a', '/a/b', '/a/b/c', '/a/b/c/new.c', '/a/b/file.txt', '/top']],
    // A child renamed, then its parent: both resolve through the index's tree, in order.
    [rec('RENAME', G(20), C, 'new.c', { to: { pargfid: C, name: 'renamed.c' } }), ['/a', '/a/b', '/a/b/c', '/a/b/c/renamed.c', '/a/b/file.txt', '/top']],
    [rec('RENAME', B, A, 'b', { to: { pargfid: ROOT_GFID, name: 'moved' } }), ['/a', '/moved', '/moved/c', '/moved/c/renamed.c', '/moved/file.txt', '/top']],
    [rec('SYMLINK', G(22), C, 'sym'), ['/a', '/moved', '/moved/c', '/moved/c/renamed.c', '/moved/c/sym', '/moved/file.txt', '/top']],
    [rec('UNLINK', G(20), C, 'renamed.c'), ['/a', '/moved', '/moved/c', '/moved/c/sym', '/moved/file.txt', '/top']],
    [rec('RMDIR', C, B, 'c'), ['/a', '/moved', '/moved/file.txt', '/top']],
    [rec('LINK', G(23), A, 'hard'), ['/a', '/a/hard', '/moved', '/moved/file.txt', '/top']],
    [rec('MKDIR', D, A, 'd'), ['/a', '/a/d', '/a/hard', '/moved', '/moved/file.txt', '/top']],
  ];
  for (const [r, expected] of steps) {
    applyRecord(root, ix, r);
    assert.equal(all(ix), expected, `${r.op} ${r.entry!.name}`);
  }
  assert.is(ix.dirs.pathOf(D), '/a/d');
  assert.is(ix.dirs.pathOf(B), '/moved');
});

test('a rename of a name the index lacks adopts the target as the brick has it', () => {
  const ix = crawl();
  mkdirWithGfid('a/b/sub', G(30));
  writeFileSync(join(root, 'a/b/sub/inner'), 'x');
  applyRecord(root, ix, rec('RENAME', G(30), B, 'gone-before', { to: { pargfid: B, name: 'sub' } }));
  assert.equal(all(ix), ['/a', '/a/b', '/a/b/file.txt', '/a/b/sub', '/a/b/sub/inner', '/top']);
  assert.is(ix.dirs.pathOf(G(30)), '/a/b/sub');
});

test('a saved shard loads back with its delta, tombstones, directory tree and cursor', () => {
  const ix = crawl();
  applyRecord(root, ix, rec('MKDIR', C, B, 'c'));
  applyRecord(root, ix, rec('UNLINK', G(1), B, 'file.txt'));
  const meta = { cursor: { file: 'CHANGELOG.0000000000000001', offset: 42 }, crawls: 3, crawledAt: 1 };
  saveShard(root, { meta, shard: ix.shard, dirs: ix.dirs });
  const back = loadShard(root)!;
  assert.equal(back.meta, meta);
  assert.equal(all({ shard: back.shard, dirs: back.dirs }), all(ix));
  assert.is(back.dirs.pathOf(C), '/a/b/c');
  const q = compilePattern({ text: 'a/b', syntax: 'locate', ignoreCase: false, basename: false });
  assert.equal(back.shard.query([q], { all: false }), ix.shard.query([q], { all: false }));
});

test.run();
