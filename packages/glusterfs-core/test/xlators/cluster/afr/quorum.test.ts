import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasQuorum } from '../../../../src/xlators/cluster/afr/quorum.js';

const CASES: [string, Parameters<typeof hasQuorum>, boolean][] = [
  ['auto, 2 of 3', [{ type: 'auto', count: 1 }, [1, 2], 3], true],
  ['auto, 1 of 3', [{ type: 'auto', count: 1 }, [0], 3], false],
  ['auto, half with the first brick', [{ type: 'auto', count: 1 }, [0], 2], true],
  ['auto, half without the first brick', [{ type: 'auto', count: 1 }, [1], 2], false],
  ['auto, 2 of 4 with the first', [{ type: 'auto', count: 1 }, [0, 3], 4], true],
  ['fixed 2, 2 up', [{ type: 'fixed', count: 2 }, [1, 2], 3], true],
  ['fixed 2, 1 up', [{ type: 'fixed', count: 2 }, [2], 3], false],
  ['fixed above the count is capped', [{ type: 'fixed', count: 5 }, [0, 1], 2], true],
  ['none, 1 up', [{ type: 'none', count: 1 }, [1], 2], true],
  ['none, nothing up', [{ type: 'none', count: 1 }, [], 2], false],
];

for (const [name, args, want] of CASES) {
  test(`quorum: ${name}`, () => assert.is(hasQuorum(...args), want));
}

test.run();
