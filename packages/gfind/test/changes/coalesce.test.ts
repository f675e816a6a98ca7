import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID } from 'glusterfs-core';
import { coalesceRecords, type CoalesceRecord } from '../../src/changes/coalesce.js';
import { formatChange } from '../../src/changes/format.js';
import { resolveChanges } from '../../src/changes/resolve.js';

// Records are written as short strings: `OP GFID [DIR/NAME [DIR/NAME]] [mode]`, where DIR is
// `/` for the root or a directory's GFID, and `~` stands for a space in a name (`OP~link`: a
// record core flags as a DHT link file's). Inodes that
// still exist resolve through LIVE.
const LIVE: Record<string, string> = { D: '/d' };
const FILE = 0o100644, DIR = 0o040755, LINKFILE = 0o101000;

function rec(line: string, ts: number): CoalesceRecord {
  const [opAndFlag, gfid, a, b, mode] = line.split(' ');
  const [op, flag] = opAndFlag.split('~');
  const name = (s: string | undefined) => {
    if (!s) return undefined;
    const i = s.lastIndexOf('/');
    const dir = s.slice(0, i);
    return { pargfid: dir === '' ? ROOT_GFID : dir, name: s.slice(i + 1).replaceAll('~', ' ') };
  };
  const isEntry = ['CREATE', 'MKDIR', 'MKNOD', 'SYMLINK', 'LINK', 'RENAME', 'UNLINK', 'RMDIR'].includes(op);
  const r: CoalesceRecord = { op, gfid, ts, ...(flag === 'link' ? { dhtLink: true } : {}) };
  if (isEntry) r.entry = name(a);
  if (op === 'RENAME') r.to = name(b);
  const m = op === 'RENAME' ? mode : b;
  if (m) r.mode = Number(m);
  else if (op === 'CREATE') r.mode = FILE;
  else if (op === 'MKDIR') r.mode = DIR;
  return r;
}

function feed(lines: string[]): string[] {
  const records = lines.map((l, i) => rec(l, 1000 + i));
  const { changes } = resolveChanges(coalesceRecords(records), records, (g) => LIVE[g] ?? null);
  return changes.map((c) => formatChange(c, false));
}

const CASES: [string, string[], string[]][] = [
  ['a create is a NEW', ['CREATE F /a'], ['NEW /a']],
  ['writes to a new file add nothing', ['CREATE F /a', 'WRITE F', 'CLOSE_WRITE F', 'SETATTR F'], ['NEW /a']],
  ['a create then renames is one NEW at the last name', ['CREATE F /a', 'RENAME F /a /b', 'RENAME F /b D/c'], ['NEW /d/c']],
  ['a create then a delete is nothing', ['CREATE F /a', 'WRITE F', 'UNLINK F /a'], []],
  ['a create, rename, delete is nothing', ['CREATE F /a', 'RENAME F /a /b', 'UNLINK F /b'], []],
  ['a write to an existing file is a MODIFY', ['WRITE F', 'TRUNCATE F', 'CLOSE_WRITE F'], ['MODIFY /live-f']],
  ['setattr and xattrs are MODIFY too', ['SETATTR F', 'SETXATTR G', 'REMOVEXATTR F'], ['MODIFY /live-f', 'MODIFY /live-g']],
  ['a rename chain is one RENAME from the first to the last name', ['RENAME F /a /b', 'RENAME F /b /c'], ['RENAME /a /c']],
  ['renamed back is nothing', ['RENAME F /a /b', 'RENAME F /b /a'], []],
  ['modify then rename is RENAME then MODIFY at the new name', ['WRITE F', 'RENAME F /a /b'], ['RENAME /a /b', 'MODIFY /b']],
  ['rename then modify is the same', ['RENAME F /a /b', 'WRITE F'], ['RENAME /a /b', 'MODIFY /b']],
  ['a delete of an existing file is a DELETE of its name', ['UNLINK F D/x'], ['DELETE /d/x']],
  ['modify then delete is a DELETE only', ['WRITE F', 'UNLINK F /a'], ['DELETE /a']],
  ['rename then delete is a DELETE of the first name', ['RENAME F /a /b', 'UNLINK F /b'], ['DELETE /a']],
  ['a delete then a new file at the same name', ['UNLINK F /a', 'CREATE G /a'], ['DELETE /a', 'NEW /a']],
  ['a hard link is a NEW; unlinking one name a DELETE', ['LINK F /h', 'UNLINK F /a'], ['NEW /h', 'DELETE /a']],
  ['a rename onto an existing name deletes what the window saw there',
    ['CREATE G /b', 'RENAME F /a /b'], ['RENAME /a /b']],
  ['a rename onto a pre-existing name the window knew: DELETE before the RENAME',
    ['WRITE G', 'RENAME G /x /b', 'RENAME F /a /b', 'UNLINK G /b'], ['DELETE /x', 'RENAME /a /b']],
  ['a directory and its files created', ['MKDIR N /n', 'CREATE F N/f', 'MKDIR M N/m', 'SYMLINK L M/l 41471'],
    ['NEW /n', 'NEW /n/f', 'NEW /n/m', 'NEW /n/m/l']],
  ['a removed tree names its files through the removed directories',
    ['UNLINK F M/f', 'RMDIR M N/m', 'RMDIR N /n'], ['DELETE /n/m/f', 'DELETE /n/m', 'DELETE /n']],
  ['a tree created and removed is nothing', ['MKDIR N /n', 'CREATE F N/f', 'UNLINK F N/f', 'RMDIR N /n'], []],
  ['a renamed directory: its files show under the new name', ['RENAME D /old /d', 'CREATE F D/f'], ['RENAME /old /d', 'NEW /d/f']],
  ['DHT link files are not changes', [`CREATE F /a ${LINKFILE}`, 'SETXATTR F', 'RENAME F /a /b', 'UNLINK F /b'], []],
  ['records core flags as a link file are not changes, but a rename of one still replaces the name',
    ['CREATE G /b', 'RENAME~link F /a /b', 'UNLINK~link F /b'], []],
  ['a file moved into a new directory is NEW there after the directory',
    ['CREATE F /f', 'MKDIR N /n', 'RENAME F /f N/f'], ['NEW /n', 'NEW /n/f']],
  ['names with spaces, newlines and percent signs are quoted as glusterfind does',
    ['CREATE F /a~b', 'CREATE G /x\ny%z'], ['NEW /a%20b', 'NEW /x%0Ay%25z']],
];

for (const [title, lines, expected] of CASES) {
  test(title, () => {
    LIVE.F = '/live-f';
    LIVE.G = '/live-g';
    assert.equal(feed(lines), expected);
  });
}

test('types come from the create records and lstat-free ops: d for MKDIR/RMDIR, l for a symlink', () => {
  const records = ['MKDIR N /n', 'SYMLINK L /l 41471', 'RMDIR M /m', 'CREATE F /f'].map((l, i) => rec(l, i));
  const types = coalesceRecords(records).map((c) => `${c.op} ${c.gfid} ${c.type}`);
  assert.equal(types, ['NEW N d', 'NEW L l', 'DELETE M d', 'NEW F f']);
});

test('a change whose directory is gone and unnamed in the window is counted, not printed', () => {
  const records = [rec('CREATE F Q/f', 1), rec('UNLINK G /x', 2)];
  const r = resolveChanges(coalesceRecords(records), records, () => null);
  assert.equal(r.changes.map((c) => formatChange(c, false)), ['DELETE /x']);
  assert.is(r.unresolved, 1);
});

test.run();
