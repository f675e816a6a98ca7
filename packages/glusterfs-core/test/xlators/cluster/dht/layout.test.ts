import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkLayout, childForHash, computeLayout, decodeRange, encodeRange, isCommitted,
} from '../../../../src/xlators/cluster/dht/layout.js';

const S = suite('xlators/cluster/dht/layout');
const G = (i: number) => `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`;

S('a fresh layout covers 0..0xffffffff exactly once, for any number of children', () => {
  for (let n = 1; n <= 9; n++) {
    const l = computeLayout(n, G(n), 7);
    assert.equal(checkLayout(l), { holes: 0, overlaps: 0, missing: [] });
    const sizes = l.map((r) => r!.stop - r!.start + 1);
    assert.is(sizes.reduce((a, b) => a + b, 0), 2 ** 32);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) < n, 'chunks are equal up to the remainder');
    assert.ok(isCommitted(l, 7));
  }
});

S('the child holding the start of the space rotates with the directory GFID', () => {
  const firsts = new Set<number>();
  for (let i = 0; i < 64; i++) firsts.add(computeLayout(4, G(i + 100), 1).findIndex((r) => r!.start === 0));
  assert.is(firsts.size, 4);
});

S('the xattr encoding is four big-endian words and round-trips', () => {
  const r = { commit: 0xdeadbeef, type: 0, start: 0x40000000, stop: 0x7fffffff };
  const b = encodeRange(r);
  assert.is(b.toString('hex'), 'deadbeef00000000400000007fffffff');
  assert.equal(decodeRange(b), r);
});

S('holes, overlaps and missing children are reported', () => {
  const l = computeLayout(3, G(1), 1);
  assert.equal(checkLayout([l[0], undefined, l[2]]).missing, [1]);
  assert.is(checkLayout([l[0], undefined, l[2]]).holes, 1);
  const wide = { ...l[0]!, start: 0, stop: 0xffffffff };
  assert.ok(checkLayout([wide, l[1], l[2]]).overlaps >= 1);
  assert.not.ok(isCommitted([l[0], undefined, l[2]], 1));
  assert.not.ok(isCommitted(l, 2), 'another commit hash is not trusted');
});

S('every hash finds exactly the child whose range holds it', () => {
  const l = computeLayout(4, G(9), 1);
  for (const h of [0, 1, 0x3fffffff, 0x40000000, 0x80000000, 0xfffffffe, 0xffffffff]) {
    const i = childForHash(l, h)!;
    assert.ok(l[i]!.start <= h && h <= l[i]!.stop);
  }
  assert.is(childForHash([undefined, undefined], 5), undefined);
});

S.run();
