import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type CallCtx, type Graph, type Subvol, buildGraph, createCtx, createFd, newGfid, parseVolfile, resolveXlator, silentLogger,
  readJournal, saveCheckpoint, journalFiles, gfidPath, journalHead, cursorAt, PRIMARY_BRICK_XDATA, SELF_HEAL_PID,
  type JournalRecord,
} from '../../../../src/index.js';

const S = suite('xlators/features/changelog/translator');
let root = '';
let graph: Graph;
let top: Subvol;

/** features/changelog over storage/posix on a temp brick, as volgen stacks them. */
function brick(options: Record<string, string | number> = {}): void {
  const text = JSON.stringify({
    volume: 't',
    top: 't-changelog',
    nodes: [
      {
        name: 't-changelog', type: 'features/changelog',
        options: { 'changelog-dir': `${root}/.glusterfs/changelogs`, subvolume: 't-client-1', 'fsync-interval': 5, ...options },
        children: ['t-posix'],
      },
      { name: 't-posix', type: 'storage/posix', options: { directory: root }, children: [] },
    ],
  });
  graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  top = graph.top;
}

async function settle(): Promise<JournalRecord[]> {
  await graph.close?.();
  return readJournal(root, null).records;
}

const brief = (r: JournalRecord) => `${r.kind} ${r.op}${r.entry ? ' ' + r.entry.name : ''}${r.to ? ' ' + r.to.name : ''}`;

S.before.each(() => {
  root = mkdtempSync(join(tmpdir(), 'changelog-'));
});
S.after.each(() => rmSync(root, { recursive: true, force: true }));

async function createFile(ctx: CallCtx, path: string, data = 'x'): Promise<string> {
  const fd = createFd(path, 0o101);
  const gfid = newGfid();
  await top.create(ctx, { path, gfid }, 0o101, 0o644, fd);
  fd.gfid = gfid;
  await top.write(ctx, fd, Buffer.from(data), 0);
  await top.write(ctx, fd, Buffer.from(data), 1);
  await top.release(ctx, fd);
  return gfid;
}

S('every kind of change becomes one record, in order, with parent GFIDs and names', async () => {
  brick();
  const ctx = createCtx();
  const dir = newGfid();
  await top.mkdir(ctx, { path: '/d', gfid: dir }, 0o755);
  const f = await createFile(ctx, '/d/a b\nc');
  await top.rename(ctx, { path: '/d/a b\nc' }, { path: '/d/z' });
  await top.setattr(ctx, { path: '/d/z' }, { mode: 0o600 });
  await top.setxattr(ctx, { path: '/d/z' }, { 'user.k': Buffer.from('v') }, 0);
  await top.link(ctx, { path: '/d/z' }, { path: '/l' });
  await top.symlink(ctx, 'd/z', { path: '/s', gfid: newGfid() });
  await top.unlink(ctx, { path: '/l' });
  await top.truncate(ctx, { path: '/d/z' }, 0);
  await top.unlink(ctx, { path: '/d/z' });
  await top.rmdir(ctx, { path: '/d' });
  const recs = await settle();
  assert.equal(recs.map(brief), [
    'E MKDIR d', 'E CREATE a b\nc', 'D WRITE', 'M CLOSE_WRITE', 'E RENAME a b\nc z', 'M SETATTR', 'M SETXATTR',
    'E LINK l', 'E SYMLINK s', 'E UNLINK l', 'E UNLINK z', 'E RMDIR d',
  ]);
  const create = recs[1]!;
  assert.is(create.gfid, f);
  assert.is(create.entry!.pargfid, dir);
  assert.is(create.mode! & 0o777, 0o644);
  assert.is(recs[0]!.entry!.pargfid, '00000000-0000-0000-0000-000000000001');
  assert.ok(recs.every((r) => r.primary && !r.heal && !r.dhtLink), 'no replicate above: every record is primary');
  assert.ok(recs.every((r, i) => i === 0 || r.ts >= recs[i - 1]!.ts));
});

S('primary and heal flags follow the context replicate and self-heal send', async () => {
  brick();
  await createFile(createCtx({ xdata: { [PRIMARY_BRICK_XDATA]: 't-client-1' } }), '/p');
  await createFile(createCtx({ xdata: { [PRIMARY_BRICK_XDATA]: 't-client-0' } }), '/q');
  await createFile(createCtx({ pid: SELF_HEAL_PID }), '/h');
  const recs = (await settle()).filter((r) => r.op === 'CREATE');
  assert.equal(recs.map((r) => [r.entry!.name, r.primary, r.heal]), [['p', true, false], ['q', false, false], ['h', false, true]]);
});

S('a DHT link file is flagged in its records and its close is not a close-write', async () => {
  brick();
  const ctx = createCtx();
  const fd = createFd('/lf', 0o101);
  await top.create(ctx, { path: '/lf', gfid: newGfid() }, 0o101, 0o1000, fd);
  await top.release(ctx, fd);
  await top.rename(ctx, { path: '/lf' }, { path: '/lg' });
  await top.unlink(ctx, { path: '/lg' });
  const recs = await settle();
  assert.equal(recs.map((r) => [r.op, r.dhtLink]), [['CREATE', true], ['RENAME', true], ['UNLINK', true]]);
});

S('create, write and release sent together are journaled in that order; a failed create is no close-write', async () => {
  brick();
  const ctx = createCtx();
  const fd = createFd('/p', 0o301, false, newGfid());
  const sent = [top.create(ctx, { path: '/p', gfid: fd.gfid }, 0o301, 0o644, fd), top.write(ctx, fd, Buffer.from('x'), 0), top.release(ctx, fd)];
  await Promise.all(sent);
  const again = createFd('/p', 0o301, false, newGfid());
  const failed = [top.create(ctx, { path: '/p', gfid: again.gfid }, 0o301, 0o644, again).catch(() => 'EEXIST'), top.release(ctx, again)];
  await Promise.all(failed);
  assert.equal((await settle()).map((r) => r.op), ['CREATE', 'WRITE', 'CLOSE_WRITE']);
});

S('failed changes are not recorded, and reads are not recorded', async () => {
  brick();
  const ctx = createCtx();
  await top.unlink(ctx, { path: '/missing' }).catch(() => {});
  await top.mkdir(ctx, { path: '/x/y', gfid: newGfid() }, 0o755).catch(() => {});
  await top.stat(ctx, { path: '/' });
  assert.equal(await settle(), []);
});

S('with changelog off nothing is written', async () => {
  brick({ changelog: 'off' });
  await createFile(createCtx(), '/f');
  assert.equal(await settle(), []);
  assert.equal(journalFiles(root), []);
});

S('a consumer resumes from its cursor, sees only complete records, and finds paths by GFID', async () => {
  brick();
  const ctx = createCtx();
  const a = await createFile(ctx, '/a');
  await graph.close?.();
  const first = readJournal(root, null);
  saveCheckpoint(root, 'test', first.next);
  brick();
  const b = await createFile(createCtx(), '/b');
  await graph.close?.();
  const again = readJournal(root, first.next);
  assert.ok(again.records.length > 0);
  assert.ok(again.records.every((r) => r.gfid === b), 'only what came after the cursor');
  assert.is(again.gap, false);
  assert.equal(readJournal(root, again.next).records, []);
  assert.equal(journalHead(root), again.next);
  assert.is(gfidPath(root, a), '/a');
  assert.is(gfidPath(root, b), '/b');
  assert.equal(readJournal(root, cursorAt(root, again.records[0]!.ts)).records, again.records);
  assert.ok(journalFiles(root).length >= 2, 'a restart starts a new journal file');
});

S('files every consumer has passed are pruned at rollover; a lagging consumer keeps them', async () => {
  brick({ 'rollover-time': 1 });
  await createFile(createCtx(), '/one');
  await waitFor(() => journalFiles(root).length === 1);
  saveCheckpoint(root, 'slow', { file: '', offset: 0 });
  saveCheckpoint(root, 'fast', { file: '', offset: 0 });
  await new Promise((r) => setTimeout(r, 1100)); // one rollover ends the first file
  await createFile(createCtx(), '/two');
  await waitFor(() => journalFiles(root).length === 2);
  const [first, second] = journalFiles(root);
  saveCheckpoint(root, 'fast', { file: second!, offset: 0 });
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(journalFiles(root), [first, second], 'slow still needs the first file');
  saveCheckpoint(root, 'slow', { file: second!, offset: 0 });
  await waitFor(() => journalFiles(root).length === 1);
  assert.equal(journalFiles(root), [second]);
  const b = readJournal(root, { file: first!, offset: 0 });
  assert.ok(b.gap, 'a cursor into a pruned file reports the gap');
  await graph.close?.();
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), 'condition reached in time');
}

S.run();
