import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Volume, mountVolfile, readJournal } from '../../../../src/index.js';

const S = suite('xlators/features/changelog/linkfiles');
let root = '';

/** cluster/dht over two bricks (features/locks, features/changelog, storage/posix), in one process. */
async function volume(): Promise<Volume> {
  const nodes: object[] = [{ name: 't-dht', type: 'cluster/dht', options: {}, children: ['t-locks-0', 't-locks-1'] }];
  for (const i of [0, 1]) {
    const dir = join(root, `b${i}`);
    mkdirSync(dir);
    nodes.push(
      { name: `t-locks-${i}`, type: 'features/locks', options: {}, children: [`t-cl-${i}`] },
      { name: `t-cl-${i}`, type: 'features/changelog', options: { 'changelog-dir': `${dir}/.glusterfs/changelogs`, 'fsync-interval': 5 }, children: [`t-posix-${i}`] },
      { name: `t-posix-${i}`, type: 'storage/posix', options: { directory: dir }, children: [] },
    );
  }
  return mountVolfile(JSON.stringify({ volume: 't', top: 't-dht', nodes }));
}

S.before.each(() => {
  root = mkdtempSync(join(tmpdir(), 'changelog-linkfiles-'));
});
S.after.each(() => rmSync(root, { recursive: true, force: true }));

S("distribute's link files never reach the journal: a rename across sets and its delete are one record each", async () => {
  const vol = await volume();
  const names = Array.from({ length: 16 }, (_, i) => `/f${i}`);
  for (const p of names) await vol.writeFile(p, 'x');
  for (const p of names) await vol.rename(p, `${p}.renamed`);
  const moved = names.map((p) => [0, 1].filter((i) => existsSync(join(root, `b${i}`, `${p}.renamed`))).length);
  for (const p of names) await vol.unlink(`${p}.renamed`);
  await vol.unmount();
  assert.ok(moved.some((n) => n > 1), 'some renamed file got a link file on the other brick');
  const recs = [0, 1].flatMap((i) => readJournal(join(root, `b${i}`), null).records);
  const count = (op: string) => recs.filter((r) => r.op === op).length;
  assert.is(count('CREATE'), names.length);
  assert.is(count('RENAME'), names.length);
  assert.is(count('UNLINK'), names.length);
  assert.is(count('SETXATTR'), 0);
});

S.run();
