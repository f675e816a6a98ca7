import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, buildGraph, createCtx, parseVolfile, resolveXlator, silentLogger } from '../../../../src/index.js';

const S = suite('xlators/debug/error-gen');

function stack(options: Record<string, string | number | string[]>) {
  const text = JSON.stringify({
    volume: 't',
    top: 't-err',
    nodes: [
      { name: 't-err', type: 'debug/error-gen', options, children: ['t-mem'] },
      { name: 't-mem', type: 'storage/memory' },
    ],
  });
  return buildGraph(parseVolfile(text), resolveXlator, silentLogger()).top;
}

async function outcomes(n: number, call: () => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await call();
      out.push('ok');
    } catch (e) {
      out.push((e as FsError).code);
    }
  }
  return out;
}

S('every=N fails exactly every Nth enabled call with the chosen errno', async () => {
  const top = stack({ every: 3, 'error-no': 'ENOTCONN', enable: ['stat'] });
  const ctx = createCtx();
  assert.equal(await outcomes(6, () => top.stat(ctx, { path: '/' })), ['ok', 'ok', 'ENOTCONN', 'ok', 'ok', 'ENOTCONN']);
  assert.equal(await outcomes(3, () => top.statfs(ctx, { path: '/' })), ['ok', 'ok', 'ok'], 'fops not enabled pass through');
});

S('a failure percentage is reproducible from its seed', async () => {
  const ctx = createCtx();
  const top = stack({ failure: 30, seed: 42 });
  const a = await outcomes(200, () => top.stat(ctx, { path: '/' }));
  const again = stack({ failure: 30, seed: 42 });
  assert.equal(await outcomes(200, () => again.stat(ctx, { path: '/' })), a);
  const rate = a.filter((x) => x === 'EIO').length / a.length;
  assert.ok(rate > 0.2 && rate < 0.4, `failure rate ${rate}`);
});

S('the injected error names error-gen and the fop reaches nothing below', async () => {
  const top = stack({ failure: 100, enable: ['mkdir'], 'error-no': 'ENOSPC' });
  const ctx = createCtx();
  const e = await top.mkdir(ctx, { path: '/d' }, 0o755).catch((x: FsError) => x);
  assert.instance(e, FsError);
  assert.is((e as FsError).code, 'ENOSPC');
  assert.is((e as FsError).xlator, 't-err');
  assert.is(await top.stat(ctx, { path: '/d' }).catch((x: FsError) => x.code), 'ENOENT');
});

S('an unknown errno or fop name is refused when the graph is built', () => {
  assert.throws(() => stack({ 'error-no': 'EWHATEVER' }), (e: FsError) => e.code === 'EINVAL');
  assert.throws(() => stack({ enable: ['stat', 'frobnicate'] }), (e: FsError) => e.code === 'EINVAL');
});

S.run();
