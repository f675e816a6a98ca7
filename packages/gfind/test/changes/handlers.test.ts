import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, type BrickContext } from 'glusterfs-core';
import { handlers } from '../../src/changes/handlers.js';
import { readWindow } from '../../src/changes/window.js';
import type { Change } from '../../src/changes/types.js';

// A brick directory with a journal file written in the journal's line format (features/changelog
// writes the same lines), read through the brick task handlers as the task service runs them.
const F = '11111111-1111-4111-8111-111111111111';
const G = '22222222-2222-4222-8222-222222222222';
const L = '33333333-3333-4333-8333-333333333333';
const LINES = [
  `1000 E ${F} CREATE 100644 0 0 ${ROOT_GFID}/before p`,
  `1001 E ${F} RENAME ${ROOT_GFID}/before ${ROOT_GFID}/a%20b p`,
  `1002 E ${G} CREATE 100644 0 0 ${ROOT_GFID}/g h`,
  `1003 D ${G} WRITE p`,
  `1004 E ${L} RENAME ${ROOT_GFID}/data ${ROOT_GFID}/linked -`,
  `1005 E ${F} UNLINK ${ROOT_GFID}/a%20b p`,
];

function brickWithJournal(): BrickContext {
  const path = mkdtempSync(join(tmpdir(), 'gfind-changes-brick-'));
  mkdirSync(join(path, '.glusterfs', 'changelogs'), { recursive: true });
  writeFileSync(join(path, '.glusterfs', 'changelogs', 'CHANGELOG.0000000000000900'), LINES.join('\n') + '\n');
  // A DHT link file: the data of /linked lives on another replica set.
  writeFileSync(join(path, 'linked'), '', { mode: 0o1000 });
  return { path, volume: 'gv0', subvolume: 'gv0-client-0' };
}

const task = (name: string) => handlers.find((h) => h.name === name)!;

test('a window is (start, end]: records at start are out, records at end are in', () => {
  const brick = brickWithJournal();
  try {
    assert.equal(readWindow(brick.path, 1001, 1004).records.map((r) => r.ts), [1002, 1003, 1004]);
    assert.equal(readWindow(brick.path, 0, 2000).records.length, LINES.length);
    assert.is(readWindow(brick.path, 0, 2000).journalStart, 900);
  } finally {
    rmSync(brick.path, { recursive: true, force: true });
  }
});

test('gfind.changes.read streams resolved changes: heal copies count, link files do not', async () => {
  const brick = brickWithJournal();
  try {
    const chunks: unknown[] = [];
    const result = await task('gfind.changes.read').run({ start: 1000, end: 1004 }, brick, (c) => chunks.push(c));
    const changes = chunks.flat() as Change[];
    assert.equal(changes.map((c) => [c.op, c.path, c.newPath]), [
      ['RENAME', '/before', '/a b'],
      ['NEW', '/g', undefined],
    ]);
    assert.equal(result, { records: 4, unresolved: 0, journalStart: 900, covered: true });
    const later = await task('gfind.changes.read').run({ start: 1004, end: 1005 }, brick, () => {});
    assert.is((later as { records: number }).records, 1);
  } finally {
    rmSync(brick.path, { recursive: true, force: true });
  }
});

test('a session commits, lists, and is deleted on a brick; a window before the journal is not covered', async () => {
  const brick = brickWithJournal();
  try {
    assert.equal(await task('gfind.changes.commit').run({ session: 'nightly', time: 1002 }, brick, () => {}), null);
    const pts = (await task('gfind.changes.points').run({}, brick, () => {})) as { points: unknown[]; startedAt: number };
    assert.equal(pts.points, [{ session: 'nightly', time: 1002 }]);
    assert.ok(pts.startedAt <= Date.now());
    const early = (await task('gfind.changes.read').run({ start: 500, end: 2000 }, brick, () => {})) as { covered: boolean };
    assert.is(early.covered, false);
    assert.is(await task('gfind.changes.delete').run({ session: 'nightly' }, brick, () => {}), true);
    assert.is(await task('gfind.changes.delete').run({ session: 'nightly' }, brick, () => {}), false);
  } finally {
    rmSync(brick.path, { recursive: true, force: true });
  }
});

test('bad arguments are EINVAL before anything is read or written', async () => {
  const brick = brickWithJournal();
  try {
    for (const [name, args] of [
      ['gfind.changes.read', { start: 5, end: 1 }], ['gfind.changes.read', null], ['gfind.changes.commit', { session: 'x' }],
      ['gfind.changes.commit', { session: '../../etc', time: 1 }], ['gfind.changes.delete', {}],
    ] as const) {
      try {
        await task(name).run(args, brick, () => {});
        assert.unreachable(`${name} ${JSON.stringify(args)} accepted`);
      } catch (e) {
        assert.is((e as { code?: string }).code, 'EINVAL', `${name} ${JSON.stringify(args)}: ${(e as Error).message}`);
      }
    }
  } finally {
    rmSync(brick.path, { recursive: true, force: true });
  }
});

test.run();
