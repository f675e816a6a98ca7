import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeRecord, type BrickLookup, type JournalRecordLike } from '../../src/triggers/events.js';

const test = suite('triggers/events');

const ROOT = '00000000-0000-0000-0000-000000000001';
const DIR = 'd0000000-0000-4000-8000-000000000000';
const FILE = 'f0000000-0000-4000-8000-000000000000';
const SUBDIR = 'e0000000-0000-4000-8000-000000000000';
const paths: Record<string, string> = { [ROOT]: '/', [DIR]: '/in', [FILE]: '/in/a.csv', [SUBDIR]: '/in/sub' };
const brick: BrickLookup = { pathOf: (g) => paths[g] ?? null, isDirectory: (g) => g === DIR || g === SUBDIR || g === ROOT };

const rec = (r: Partial<JournalRecordLike>): JournalRecordLike => ({ op: 'CREATE', gfid: FILE, ts: 5, primary: true, heal: false, dhtLink: false, ...r });

test('each event kind resolves to volume paths', () => {
  assert.equal(describeRecord(rec({ op: 'CLOSE_WRITE' }), brick), { event: 'close-write', gfid: FILE, ts: 5, path: '/in/a.csv' });
  assert.equal(describeRecord(rec({ op: 'CREATE', entry: { pargfid: DIR, name: 'a.csv' } }), brick),
    { event: 'create', gfid: FILE, ts: 5, path: '/in/a.csv' });
  assert.equal(describeRecord(rec({ op: 'SYMLINK', entry: { pargfid: ROOT, name: 'l' } }), brick),
    { event: 'create', gfid: FILE, ts: 5, path: '/l' });
  assert.equal(describeRecord(rec({ op: 'UNLINK', gfid: 'gone', entry: { pargfid: DIR, name: 'old.csv' } }), brick),
    { event: 'delete', gfid: 'gone', ts: 5, path: '/in/old.csv' });
  assert.equal(describeRecord(rec({ op: 'RENAME', entry: { pargfid: ROOT, name: 'x' }, to: { pargfid: DIR, name: 'a.csv' } }), brick),
    { event: 'rename', gfid: FILE, ts: 5, path: '/in/a.csv', oldPath: '/x' });
});

test('no event: peer-primary, heal, data and metadata records, link files, directories, vanished files', () => {
  const none: JournalRecordLike[] = [
    rec({ op: 'CLOSE_WRITE', primary: false }),
    rec({ op: 'CLOSE_WRITE', heal: true }),
    rec({ op: 'WRITE' }),
    rec({ op: 'SETATTR' }),
    rec({ op: 'MKDIR', gfid: SUBDIR, entry: { pargfid: DIR, name: 'sub' } }),
    rec({ op: 'RMDIR', gfid: SUBDIR, entry: { pargfid: DIR, name: 'sub' } }),
    rec({ op: 'RENAME', gfid: SUBDIR, entry: { pargfid: DIR, name: 's' }, to: { pargfid: DIR, name: 'sub' } }),
    rec({ op: 'CREATE', entry: { pargfid: DIR, name: 'a.csv' }, dhtLink: true }),
    rec({ op: 'RENAME', entry: { pargfid: DIR, name: 'x' }, to: { pargfid: DIR, name: 'a.csv' }, dhtLink: true }),
    rec({ op: 'UNLINK', entry: { pargfid: DIR, name: 'a.csv' }, dhtLink: true }),
    rec({ op: 'CLOSE_WRITE', gfid: 'gone' }),
    rec({ op: 'CREATE', entry: { pargfid: 'gone-dir', name: 'a' } }),
  ];
  for (const r of none) assert.is(describeRecord(r, brick), null, JSON.stringify(r));
});

test.run();
