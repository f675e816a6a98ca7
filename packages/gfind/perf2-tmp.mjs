import { readdirSync, lstatSync } from 'node:fs';
const root = '/tmp/gfind-find-perf/brick';
let t0 = process.hrtime.bigint(); let n = 0; const names = [];
for (const d of readdirSync(root, { withFileTypes: true })) { if (d.name === '.glusterfs') continue; for (const e of readdirSync(root + '/' + d.name, { withFileTypes: true })) { n++; names.push(root + '/' + d.name + '/' + e.name); } }
console.log('readdir withFileTypes', Number(process.hrtime.bigint() - t0) / 1e6, n);
t0 = process.hrtime.bigint();
for (const p of names) lstatSync(p, { throwIfNoEntry: false });
console.log('lstat', Number(process.hrtime.bigint() - t0) / 1e6);
t0 = process.hrtime.bigint();
for (const p of names) lstatSync(p, { throwIfNoEntry: false });
console.log('lstat again', Number(process.hrtime.bigint() - t0) / 1e6);
