import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Volume } from 'glusterfs-core';
import { brickRootsOf, redactorFor } from '../src/redact.js';

const GFID = '0c6f4d2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

test('text with brick paths, quoted host paths, handle paths and GFIDs leaves with volume paths only', () => {
  const redact = redactorFor(undefined);
  assert.is(redact(`ENAMETOOLONG: name too long, lstat '/tmp/gts-e2e-x/bricks/b3/${'a'.repeat(10)}'`), 'ENAMETOOLONG: name too long, lstat \'<host path>\'');
  assert.is(redact(`file /f was replaced (gfid ${GFID}, block is of ${GFID.replace(/-/g, '')})`), 'file /f was replaced (gfid <gfid>, block is of <gfid>)');
  assert.is(redact(`link .glusterfs/0c/6f/${GFID} gone`), 'link <gfid handle> gone');
  assert.is(redact('File does not exist: /user/alice/x'), 'File does not exist: /user/alice/x', 'volume paths stay');
});

test('a volume\'s brick directories read as the volume paths they hold', () => {
  // The roots come from the volfile alone (mounting it would need live bricks).
  const volume = { volfile: { nodes: [
    { name: 'dht', type: 'cluster/dht', options: {}, children: ['c0', 'c1'] },
    { name: 'c0', type: 'protocol/client', options: { 'remote-subvolume': '/srv/b1' }, children: [] },
    { name: 'c1', type: 'protocol/client', options: { 'remote-subvolume': '/srv/b10/' }, children: [] },
  ] } } as unknown as Volume;
  assert.equal(brickRootsOf(volume), ['/srv/b10', '/srv/b1']);
  const redact = redactorFor(volume);
  assert.is(redact("EACCES: permission denied, open '/srv/b10/user/x'"), "EACCES: permission denied, open '/user/x'");
  assert.is(redact('brick /srv/b1 is full; /srv/b1/a/b moved'), 'brick / is full; /a/b moved');
  assert.is(redact(`rename '/srv/b1/a' -> '/etc/x'`), `rename '/a' -> '<host path>'`);
  assert.is(redact('/srv/b100/z'), '/srv/b100/z', 'a longer sibling is not a brick');
});

test.run();
