import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Slots } from '../../src/shd/index.js';

const test = suite('shd/slots');

test('no more than size tasks run at once, and every task runs', async () => {
  const slots = new Slots(3);
  let running = 0;
  let peak = 0;
  const release: (() => void)[] = [];
  const tasks = Array.from({ length: 10 }, (_, i) => slots.run(async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((r) => release.push(r));
    running--;
    return i;
  }));
  for (let done = 0; done < 10; done++) {
    while (release.length === 0) await new Promise((r) => setImmediate(r));
    assert.ok(slots.busy <= 3);
    release.shift()!();
  }
  assert.equal(await Promise.all(tasks), [...Array(10).keys()]);
  assert.is(peak, 3);
  assert.is(slots.busy, 0);
  assert.is(slots.waiting, 0);
});

test('a failing task frees its slot and rejects its caller only', async () => {
  const slots = new Slots(1);
  const bad = slots.run(async () => { throw new Error('boom'); }).then(() => 'resolved', (e: Error) => e.message);
  const good = slots.run(async () => 'ok');
  assert.is(await bad, 'boom');
  assert.is(await good, 'ok');
  assert.is(slots.busy, 0);
});

test('a size below one is a programmer error', () => {
  assert.throws(() => new Slots(0));
});

test.run();
