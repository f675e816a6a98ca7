import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type Counters, type ReplicaMarks, decodeCounters, encodeCounters, findDirection,
} from '../../../../src/xlators/cluster/afr/pending.js';

const Z: Counters = [0, 0, 0];
const D: Counters = [1, 0, 0];
const marks = (blame: Counters[], dirty: Counters = Z): ReplicaMarks => ({ blame, dirty });

test('pending values round-trip as 12 big-endian bytes, negatives included', () => {
  const b = encodeCounters([1, -2, 3]);
  assert.is(b.toString('hex'), '00000001fffffffe00000003');
  assert.equal(decodeCounters(b), [1, -2, 3]);
  assert.equal(decodeCounters(undefined), [0, 0, 0]);
});

const CASES: [string, Map<number, ReplicaMarks>, Set<number>, { sources: number[]; sinks: number[]; splitBrain: boolean }][] = [
  ['clean replicas are all sources', new Map([[0, marks([Z, Z])], [1, marks([Z, Z])]]), new Set(), { sources: [0, 1], sinks: [], splitBrain: false }],
  ['the blamed replica is the sink', new Map([[0, marks([Z, D])], [1, marks([Z, Z])]]), new Set(), { sources: [0], sinks: [1], splitBrain: false }],
  ['mutual blame is split-brain', new Map([[0, marks([Z, D])], [1, marks([D, Z])]]), new Set(), { sources: [], sinks: [0, 1], splitBrain: true }],
  ['blame of an absent replica leaves the present ones sources', new Map([[0, marks([Z, D, Z])], [2, marks([Z, D, Z])]]), new Set(), { sources: [0, 2], sinks: [], splitBrain: false }],
  ['the arbiter is never a data source', new Map([[0, marks([Z, Z, Z])], [1, marks([D, Z, Z])], [2, marks([D, Z, Z])]]), new Set([2]), { sources: [1], sinks: [0], splitBrain: false }],
  ['only the arbiter unblamed is split-brain', new Map([[0, marks([Z, D, Z])], [1, marks([D, Z, Z])], [2, marks([D, D, Z])]]), new Set([2]), { sources: [], sinks: [0, 1], splitBrain: true }],
];

for (const [name, present, excluded, want] of CASES) {
  test(`direction: ${name}`, () => {
    const d = findDirection(present, 'data', excluded);
    assert.equal({ sources: d.sources, sinks: d.sinks, splitBrain: d.splitBrain }, want);
  });
}

test('dirty alone marks the kind without making sinks', () => {
  const d = findDirection(new Map([[0, marks([Z, Z], D)], [1, marks([Z, Z])]]), 'data');
  assert.ok(d.marked && d.dirty);
  assert.equal(d.sinks, []);
});

test.run();
