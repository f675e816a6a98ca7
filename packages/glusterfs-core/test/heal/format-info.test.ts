import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatHealInfo, type BrickHealInfo } from '../../src/heal/index.js';

const test = suite('heal/format-info');

const G1 = '0b2e8a57-4c36-4a0b-9a7e-3f2d9c1a7b10';
const G2 = '7d1f3c22-9e0a-4b5c-8d6e-1a2b3c4d5e6f';

const BRICKS: BrickHealInfo[] = [
  {
    brick: 'server1:/bricks/b1', up: true, entries: [
      { gfid: G1, path: '/dir/file1', splitBrain: false },
      { gfid: G2, path: null, splitBrain: false },
      { gfid: G1, path: '/file2', splitBrain: true },
    ],
  },
  { brick: 'server2:/bricks/b2', up: false, entries: [] },
  { brick: 'server3:/bricks/b3', up: true, entries: [] },
];

const CASES: [BrickHealInfo[], 'info' | 'split-brain' | 'summary', string][] = [
  [BRICKS, 'info', [
    'Brick server1:/bricks/b1', '/dir/file1', `<gfid:${G2}>`, '/file2 - Is in split-brain', 'Status: Connected',
    'Number of entries: 3', '',
    'Brick server2:/bricks/b2', 'Status: Transport endpoint is not connected', 'Number of entries: -', '',
    'Brick server3:/bricks/b3', 'Status: Connected', 'Number of entries: 0', '', '',
  ].join('\n')],
  [BRICKS, 'split-brain', [
    'Brick server1:/bricks/b1', '/file2', 'Status: Connected', 'Number of entries in split-brain: 1', '',
    'Brick server2:/bricks/b2', 'Status: Transport endpoint is not connected', 'Number of entries in split-brain: -', '',
    'Brick server3:/bricks/b3', 'Status: Connected', 'Number of entries in split-brain: 0', '', '',
  ].join('\n')],
  [BRICKS, 'summary', [
    'Brick server1:/bricks/b1', 'Status: Connected', 'Total Number of entries: 3',
    'Number of entries in heal pending: 2', 'Number of entries in split-brain: 1',
    'Number of entries possibly healing: 0', '',
    'Brick server2:/bricks/b2', 'Status: Transport endpoint is not connected', 'Total Number of entries: -',
    'Number of entries in heal pending: -', 'Number of entries in split-brain: -',
    'Number of entries possibly healing: -', '',
    'Brick server3:/bricks/b3', 'Status: Connected', 'Total Number of entries: 0',
    'Number of entries in heal pending: 0', 'Number of entries in split-brain: 0',
    'Number of entries possibly healing: 0', '', '',
  ].join('\n')],
  [[], 'info', ''],
];

test('heal info listings print exactly as gluster volume heal VOL info does', () => {
  for (const [bricks, mode, want] of CASES) assert.fixture(formatHealInfo(bricks, mode), want, mode);
});

test('an entry with no known path prints as <gfid:UUID>, split-brain or not', () => {
  const text = formatHealInfo([{ brick: 'h:/b', up: true, entries: [{ gfid: G2, path: null, splitBrain: true }] }], 'info');
  assert.ok(text.includes(`<gfid:${G2}> - Is in split-brain\n`));
});

test.run();
