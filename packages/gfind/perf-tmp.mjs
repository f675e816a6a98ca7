import { walkBrick } from './dist/src/crawl/walk.js';
import { parseFind } from './dist/src/expr/parse.js';
const env = { now: Date.now() / 1000, user: () => undefined, group: () => undefined, uids: () => [], gids: () => [] };
const brick = { path: '/tmp/gfind-find-perf/brick', volume: 'v', subvolume: 'v-client-0' };
for (const argv of [['-type', 'f'], ['-name', '*7*', '-size', '+2k'], ['-type', 'f'], ['-name', '*7*', '-size', '+2k']]) {
  const q = parseFind(['/', ...argv], env);
  const args = { mode: 'walk', starts: [{ shown: '/', path: '/' }], expr: q.expr, maxdepth: -1, mindepth: 0, depth: false, now: q.now,
    dirOwners: ['v-client-0'], hosts: {}, records: false, sort: false, users: [], groups: [], emptyDirs: [], targets: {}, batchEntries: 1000, batchBytes: 65536 };
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  walkBrick(args, brick, (c) => { for (const s of c.t ?? []) bytes += s?.length ?? 0; });
  console.log(argv.join(' '), Number(process.hrtime.bigint() - t0) / 1e6, 'ms', bytes);
}
