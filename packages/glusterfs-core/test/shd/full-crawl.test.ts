import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { replicaSetVolfiles } from '../../src/heal/index.js';
import { ownsFullCrawl, type CrawlSet } from '../../src/shd/index.js';

const test = suite('shd/full-crawl');

/** A 3-way set's spec; `up` names the children that are connected. */
function set(hosts: string[], up: string[]): Pick<CrawlSet, 'spec' | 'isUp'> {
  const [spec] = replicaSetVolfiles({
    volume: 'v', top: 'v-replicate-0',
    nodes: [
      ...hosts.map((h, i) => ({
        name: `v-client-${i}`, type: 'protocol/client', options: { 'remote-host': h, 'remote-subvolume': `/b${i}` }, children: [],
      })),
      { name: 'v-replicate-0', type: 'cluster/afr', options: {}, children: hosts.map((_, i) => `v-client-${i}`) },
    ],
  });
  return { spec, isUp: (c) => up.includes(c) };
}

const CASES: [string[], string[], string, boolean][] = [
  [['a', 'b', 'c'], ['v-client-0', 'v-client-1', 'v-client-2'], 'a', true],
  [['a', 'b', 'c'], ['v-client-0', 'v-client-1', 'v-client-2'], 'b', false],
  [['a', 'b', 'c'], ['v-client-1', 'v-client-2'], 'b', true],
  [['a', 'b', 'c'], ['v-client-1', 'v-client-2'], 'a', false],
  [['a', 'b', 'c'], ['v-client-2'], 'c', true],
  [['a', 'b', 'c'], [], 'a', false],
  [['a', 'a', 'b'], ['v-client-1', 'v-client-2'], 'a', true],
];

test('the daemon on the host of the first live brick owns a set\'s full crawl', () => {
  for (const [hosts, up, host, want] of CASES) {
    assert.is(ownsFullCrawl(set(hosts, up), host), want, `${hosts} up=${up} host=${host}`);
  }
});

test.run();
