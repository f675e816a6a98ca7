import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from 'glusterfs-core';
import { isLinkFile } from '../support/brick-inspect.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { HadoopShell, runJava } from '../support/hadoop.js';
import {
  byUtf8, grepCount, hdfsFileChecksum, sortedTeraSha, teraChecksum, teraRecords, wordCount,
} from '../support/hadoop-expect.js';
import { killBrick } from '../support/replica.js';

// Deliver 2 of #11: Hadoop's MapReduce examples (hadoop-mapreduce-examples 3.4.2, run as a
// user runs them: ExampleDriver PROGRAM -D k=v ... ARGS) on the local job runner, with input,
// output, the tasks' _temporary attempts and the committer's _SUCCESS on the volume through the
// shim, each output checked against a computation done here from the bytes the test wrote.
// The job's staging directory stays on the submitting machine: the local job runner
// qualifies it against the local file system (LocalJobRunner.getStagingAreaDir), whatever
// fs.defaultFS says. Then the faults: a brick SIGKILLed during a terasort and during a
// multi-block `hadoop fs -put`.
const test = suite('e2e/hadoop-mapreduce');
const MB = 2 ** 20;
const SEED = Number(process.env.SEED ?? Date.now() % 1_000_000);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let cluster: TestCluster;
let fsUri = '';
let java: HadoopShell;
let local = '';

/** Runs an example program in its own JVM, as `hadoop jar hadoop-mapreduce-examples.jar PROGRAM -D ... ARGS` does. */
async function example(program: string, args: string[], settings: Record<string, string | number> = {}): Promise<string> {
  const conf = {
    'fs.defaultFS': fsUri, 'mapreduce.framework.name': 'local', 'dfs.blocksize': MB,
    // The job client polls for completion every 5 s by default; a test wants the answer.
    'mapreduce.client.completion.pollinterval': 50, 'mapreduce.client.progressmonitor.pollinterval': 50,
    'hadoop.tmp.dir': join(local, 'hadoop-tmp'), 'mapreduce.jobtracker.staging.root.dir': join(local, 'staging'),
    ...settings,
  };
  const d = Object.entries(conf).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
  // C1 only and the serial collector: half the CPU of a default JVM for jobs of seconds.
  const jvmArgs = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const r = await runJava('org.apache.hadoop.examples.ExampleDriver', [program, ...d, ...args], { heap: '512m', timeoutMs: 120_000, jvmArgs });
  assert.is(r.code, 0, `${program} failed (seed ${SEED}):\n${r.out.slice(-2000)}${r.err.slice(-4000)}`);
  return r.out;
}

async function fs(...args: string[]): Promise<string> {
  const r = await java.fs(...args);
  assert.is(r.code, 0, `hadoop fs ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** The committed job's output: `_SUCCESS` there, no `_temporary` left, and the part files' names. */
async function committedParts(dir: string): Promise<string[]> {
  assert.is((await java.fs('-test', '-f', `${dir}/_SUCCESS`)).code, 0, `${dir}/_SUCCESS exists`);
  assert.is((await java.fs('-test', '-e', `${dir}/_temporary`)).code, 1, `${dir}/_temporary was cleaned up`);
  const ls = await fs('-ls', '-C', dir);
  return ls.split('\n').filter((p) => /\/part-[mr]-\d+$/.test(p)).sort();
}

/** Lines of a text file on the volume (the Java client's -cat). */
async function lines(path: string): Promise<string[]> {
  return (await fs('-cat', path)).split('\n').filter((l) => l !== '');
}

test.before(async () => {
  cluster = await startCluster({ bricks: 4, replica: 2, hdfs: { blockSize: '1m' } });
  fsUri = `hdfs://${cluster.hdfs!.namenode}`;
  local = join(cluster.home, 'client');
  mkdirSync(local, { recursive: true });
  java = new HadoopShell(fsUri, { 'dfs.blocksize': MB });
});

test.after(async () => {
  await java?.close();
  await cluster?.stop();
});

// ---------------------------------------------------------------------------------------------
// wordcount and grep over generated text

const texts = new Map<string, string>();

function generateText(rand: () => number, bytes: number): string {
  const vocab = [
    ...Array.from({ length: 400 }, () => Array.from({ length: 2 + Math.floor(rand() * 8) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('')),
    'singing', 'ring', 'thing', 'reading', 'ingot', 'Ing', 'café', 'naïve', 'Zürich', '日本語', 'Ärger', '🙂', 'a-b', 'x.y',
  ];
  const seps = [' ', ' ', ' ', '  ', '\t', ' \f '];
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words = Array.from({ length: Math.floor(rand() * 12) }, () => vocab[Math.floor(rand() * rand() * vocab.length)]);
    const line = words.map((w, i) => (i ? seps[Math.floor(rand() * seps.length)] : '') + w).join('') + (rand() < 0.1 ? '\r\n' : '\n');
    out.push(line);
    size += Buffer.byteLength(line);
  }
  return out.join('');
}

test('wordcount: three splits of a multi-block file and small ones, two reducers; the counts equal an independent count', async () => {
  const rand = seededRandom(SEED);
  texts.set('big.txt', generateText(rand, 2.5 * MB));
  texts.set('small.txt', 'Ärger café\r\n\r\n\tnaïve  café\fcafé\n🙂');
  texts.set('empty.txt', '');
  // FileInputFormat skips names starting with _ or .: these words must not be counted.
  const hidden = 'hiddenword hiddenword\n';
  for (const [name, text] of texts) writeFileSync(join(local, name), text);
  writeFileSync(join(local, '_hidden.txt'), hidden);
  await fs('-mkdir', '-p', '/wc/in');
  await fs('-put', ...[...texts.keys(), '_hidden.txt'].map((n) => join(local, n)), '/wc/in');

  const splits = await java.run('splits', '/wc/in');
  assert.is(splits.out.trim().split('\n').filter((l) => l.startsWith('/wc/in/big.txt ')).length, 3, splits.out);

  await example('wordcount', ['/wc/in', '/wc/out'], { 'mapreduce.job.reduces': 2 });
  const parts = await committedParts('/wc/out');
  assert.equal(parts.map((p) => p.slice(p.lastIndexOf('/') + 1)), ['part-r-00000', 'part-r-00001']);
  const got: string[] = [];
  for (const p of parts) {
    const words = (await lines(p)).map((l) => l.slice(0, l.indexOf('\t')));
    assert.equal(words, [...words].sort(byUtf8), `${p} is sorted by UTF-8 bytes`);
    got.push(...await lines(p));
  }
  const expected = [...wordCount(texts.values())].map(([w, n]) => `${w}\t${n}`);
  assert.ok(!got.some((l) => l.startsWith('hiddenword')));
  assert.equal(got.sort(), expected.sort(), `seed ${SEED}`);
});

test('grep: the two-job example (search, then sort by count) finds every match of a regex, most frequent first', async () => {
  await example('grep', ['/wc/in', '/grep/out', '[a-z]*ing[a-z]*']);
  const [part] = await committedParts('/grep/out');
  const got = await lines(part);
  const counts = got.map((l) => Number(l.slice(0, l.indexOf('\t'))));
  assert.equal(counts, [...counts].sort((a, b) => b - a), 'decreasing counts');
  const expected = [...grepCount(texts.values(), /[a-z]*ing[a-z]*/)].map(([m, n]) => `${n}\t${m}`);
  assert.ok(expected.length > 3);
  assert.equal([...got].sort(), expected.sort(), `seed ${SEED}`);
  // Its intermediate output went to a grep-temp-N directory under the home directory, removed at the end.
  assert.not.match(await fs('-ls', '-C', '/user/root'), /grep-temp-/);
});

// ---------------------------------------------------------------------------------------------
// teragen, terasort, teravalidate

const TERA_ROWS = 100_000; // 10 MB: ten 1 MB blocks, ten map splits
let teraSortedSha = '';

/** Every part-* file of a directory on the volume, fetched with the Java client's -get, in name order. */
async function getParts(dir: string): Promise<Buffer[]> {
  const to = join(local, `get-${dir.replace(/\//g, '_')}`);
  rmSync(to, { recursive: true, force: true });
  await fs('-get', dir, to);
  return readdirSync(to).filter((n) => n.startsWith('part-')).sort().map((n) => readFileSync(join(to, n)));
}

test('teragen, terasort (two reducers), teravalidate: the sorted output is teragen\'s records in key order and the checksums agree', async () => {
  await example('teragen', [String(TERA_ROWS), '/tera/in']);
  await committedParts('/tera/in');
  const records = teraRecords(await getParts('/tera/in'));
  assert.is(records.length, TERA_ROWS);
  teraSortedSha = sortedTeraSha(records);

  await example('terasort', ['/tera/in', '/tera/out'], { 'mapreduce.job.reduces': 2 });
  const parts = await committedParts('/tera/out');
  assert.is(parts.length, 2);
  assert.is((await java.fs('-test', '-f', '/tera/out/_partition.lst')).code, 0, 'the sampled partition file is on the volume');
  const sorted = await getParts('/tera/out');
  assert.ok(sorted.every((p) => p.length > 0), 'both reducers got records');
  assert.is(sha(Buffer.concat(sorted)), teraSortedSha, 'terasort\'s parts are teragen\'s records sorted by key');

  await example('teravalidate', ['/tera/out', '/tera/report']);
  await committedParts('/tera/report');
  assert.equal(await lines('/tera/report/part-r-00000'), [`checksum\t${teraChecksum(records)}`], 'no error records; the checksum is teragen\'s');
});

// ---------------------------------------------------------------------------------------------
// randomtextwriter

test('randomtextwriter writes a SequenceFile that -text decodes, and wordcount over it (committer v1) counts what -text shows', async () => {
  await example('randomtextwriter', ['/rtw'], { 'mapreduce.randomtextwriter.totalbytes': MB, 'mapreduce.randomtextwriter.bytespermap': MB });
  const parts = await committedParts('/rtw');
  assert.is(parts.length, 1);
  assert.ok(Number(await fs('-stat', '%b', parts[0])) > MB, 'at least bytespermap bytes written');
  const records = (await fs('-text', parts[0])).split('\n').filter((l) => l !== '');
  assert.ok(records.length > 100);
  const values = records.map((l) => { const tab = l.indexOf('\t'); assert.ok(tab > 0, l); return l.slice(tab + 1); });
  // With the v1 committer, whose job commit moves each task's directory into the output (the
  // other jobs here use 3.4's default v2, which moves files at task commit).
  await example('wordcount', ['/rtw', '/rtw-wc'], {
    'mapreduce.job.inputformat.class': 'org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat',
    'mapreduce.fileoutputcommitter.algorithm.version': 1,
  });
  const [part] = await committedParts('/rtw-wc');
  assert.equal(await lines(part), [...wordCount(values)].map(([w, n]) => `${w}\t${n}`));
});

// ---------------------------------------------------------------------------------------------
// faults

/**
 * The replica sets as gcluster builds a 2 x 2 volume: bricks 1-2 and 3-4. The victim of a fault
 * is the second brick of a set: with client quorum `auto` (GlusterFS's default, and this
 * volume's) a replica-2 set takes writes only while its first brick is up, so killing the
 * first would make the set refuse writes by design, not test failover.
 */
const sets = () => [cluster.bricks.slice(0, 2), cluster.bricks.slice(2, 4)];

/** Data files (not DHT link files) under `rel` on a brick, recursively, with their sizes. */
function dataFiles(brick: string, rel: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  let names: string[];
  try {
    names = readdirSync(join(brick, rel));
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(rel, n);
    try {
      const st = statSync(join(brick, p));
      if (st.isDirectory()) out.push(...dataFiles(brick, p));
      else if (!isLinkFile(join(brick, p))) out.push({ path: p, size: st.size });
    } catch { /* renamed or removed while we looked */ }
  }
  return out;
}

/**
 * Polls the bricks every few milliseconds until a data file under `rel` matching `name` holds
 * at least `bytes`, then SIGKILLs the second brick of its set (process ids fetched beforehand,
 * so the kill lands at once). Fails when the operation ended first.
 */
async function killDuring(rel: string, name: RegExp, bytes: number, done: () => boolean) {
  const procs = await cluster.status();
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (done()) throw new Error(`the operation ended before a ${name} file under ${rel} reached ${bytes} bytes: no fault was injected`);
    if (Date.now() > deadline) throw new Error(`no ${name} file under ${rel} reached ${bytes} bytes in 60 s`);
    const victim = sets().map(([, second]) => second.path).find((b) => dataFiles(b, rel).some((f) => name.test(f.path) && f.size >= bytes));
    if (victim) return { path: victim, ...await killBrick(cluster, victim, procs) };
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a brick of a replica set SIGKILLed while terasort\'s reducers write: the job succeeds and its output is right', async () => {
  assert.ok(teraSortedSha, 'the terasort test ran first');
  let finished = false;
  const job = example('terasort', ['/tera/in', '/tera/out-fault'], { 'mapreduce.job.reduces': 2 }).finally(() => { finished = true; });
  const killed = await killDuring('tera/out-fault/_temporary', /part-r-\d+$/, 64 * 1024, () => finished);
  try {
    await job;
    await committedParts('/tera/out-fault');
    assert.is(sha(Buffer.concat(await getParts('/tera/out-fault'))), teraSortedSha, `terasort with ${killed.path} killed mid-write`);
  } finally {
    await killed.revive();
  }
});

test('a brick of a replica set SIGKILLed during hadoop fs -put of a multi-block file: the put succeeds, -cat and -checksum give the right bytes', async () => {
  // Hex text, so -cat's bytes come back through the shell driver's text answer unchanged.
  const data = Buffer.from(randomBytes(12 * MB).toString('hex'));
  writeFileSync(join(local, 'big.bin'), data);
  await fs('-mkdir', '-p', '/put');
  let finished = false;
  const put = java.fs('-put', join(local, 'big.bin'), '/put/big.bin').finally(() => { finished = true; });
  const killed = await killDuring('put', /big\.bin\._COPYING_$/, 3 * MB, () => finished);
  try {
    const r = await put;
    assert.is(r.code, 0, r.err);
    assert.is((await java.fs('-test', '-e', '/put/big.bin._COPYING_')).code, 1);
    const cat = await fs('-cat', '/put/big.bin');
    assert.is(cat.length, data.length);
    assert.is(sha(Buffer.from(cat)), sha(data), `-cat with ${killed.path} killed mid-put`);
    assert.is(await fs('-checksum', '/put/big.bin'), `/put/big.bin\t${hdfsFileChecksum(data, MB)}\n`);
  } finally {
    await killed.revive();
  }
});

test.run();
