#!/usr/bin/env node
// Runs every compiled uvu test file (unit suites of each package, then the end-to-end suites),
// one process per file so a crash or leaked handle in one cannot hide another, and ends with
// the plain summary line "N passed, N failed". Usage: node tools/run-tests.js [filter-substring]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv[2] ?? '';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const unit = readdirSync(join(root, 'packages')).flatMap((pkg) => walk(join(root, 'packages', pkg, 'dist', 'test')));
const e2e = walk(join(root, 'test', 'dist', 'e2e'));
const files = [...unit, ...e2e].filter((f) => f.includes(filter));

let passed = 0, failed = 0;
const failures = [];
for (const file of files) {
  const rel = relative(root, file);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const p = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const ok = r.status === 0 && total > 0 && p === total;
  passed += p;
  failed += ok ? 0 : Math.max(1, total - p);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${rel} (${p}/${total}, ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  if (!ok) { failures.push(rel); console.log(out.split('\n').map((l) => '    ' + l).join('\n')); }
}
if (failures.length) console.log(`\nfailed files:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && files.length > 0 ? 0 : 1);
