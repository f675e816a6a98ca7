import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, startCluster, type TestCluster } from '../support/cluster.js';
import { hdfs, type TestShim } from '../support/hdfs.js';

// Spark (pyspark from PyPI, local[2], its own bundled Hadoop client) pointed at the volume with
// only spark.hadoop.fs.defaultFS: it reads text and CSV from the volume, writes Parquet and
// JSON back through its output committer, and reads them again (test/spark/roundtrip.py prints
// what it read). DuckDB then reads the Parquet part files, fetched through the shim by
// Debian's hdfs client, and must find the same rows.
const test = suite('e2e/spark');
const SCRIPT = join(REPO, 'test/spark/roundtrip.py');

let cluster: TestCluster;
let shim: Pick<TestShim, 'namenode'>;
let home = '';

/** The CSV's rows (ids shuffled, so Spark's sort by id is not the file's order). */
const PEOPLE = Array.from({ length: 40 }, (_, i) => {
  const id = (i * 17) % 40 + 1;
  return { id, name: `person-${id}`, age: 20 + (id * 7) % 50, city: ['Lyon', 'Oslo', 'Kyoto', 'Lima'][id % 4]! };
});
/** Enough text for two 1 MiB blocks, so Spark splits it on a block boundary mid-line. */
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'volume', 'brick', 'spark', 'hdfs'];
const LINES = Array.from({ length: 30_000 }, (_, i) => Array.from({ length: 1 + (i % 7) }, (_, j) => WORDS[(i * 3 + j * 5) % WORDS.length]).join(' '));

interface Report {
  lines: number;
  words: Record<string, number>;
  csvSchema: string[][];
  csv: Record<string, unknown>[];
  parquetSchema: string[][];
  parquet: Record<string, unknown>[];
  json: Record<string, unknown>[];
}

/** Runs the Spark driver against the shim; resolves with what it reported. */
function runSpark(): Promise<{ code: number; report?: Report; err: string }> {
  // Spark's driver would otherwise bind to the host's first non-loopback address.
  const env = { ...process.env, SPARK_LOCAL_IP: '127.0.0.1' };
  const child = spawn('python3', [SCRIPT, `hdfs://${shim.namenode}`, '/spark'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => { out += d; });
  child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-20_000); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('REPORT '));
      resolve({ code: code ?? -1, report: line ? JSON.parse(line.slice(7)) as Report : undefined, err });
    });
  });
}

async function ok(args: string[]): Promise<string> {
  const r = await hdfs(shim as TestShim, args);
  assert.is(r.code, 0, `hdfs ${args.join(' ')}: ${r.err}`);
  return r.out;
}

let spark: { code: number; report?: Report; err: string };

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-spark-'));
  cluster = await startCluster({ bricks: 4, replica: 2, hdfs: { blockSize: '1m' } });
  shim = { namenode: cluster.hdfs!.namenode };
  writeFileSync(join(home, 'words.txt'), LINES.join('\n') + '\n');
  writeFileSync(join(home, 'people.csv'), ['id,name,age,city', ...PEOPLE.map((p) => `${p.id},${p.name},${p.age},${p.city}`)].join('\n') + '\n');
  await ok(['mkdir', '-p', '/spark/in']);
  await ok(['put', join(home, 'words.txt'), '/spark/in/words.txt']);
  await ok(['put', join(home, 'people.csv'), '/spark/in/people.csv']);
  spark = await runSpark();
});

test.after(async () => {
  await cluster?.stop();
  rmSync(home, { recursive: true, force: true });
});

const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
const expectedPeople = byId(PEOPLE.map((p) => ({ ...p, age_next_year: p.age + 1 })));

test('Spark reads text from the volume: every line, and word counts equal to ones computed here', () => {
  assert.is(spark.code, 0, spark.err);
  const words: Record<string, number> = {};
  for (const w of LINES.flatMap((l) => l.split(' '))) words[w] = (words[w] ?? 0) + 1;
  assert.is(spark.report!.lines, LINES.length);
  assert.equal(spark.report!.words, words);
});

test('Spark reads the CSV from the volume with its header and inferred types', () => {
  assert.is(spark.code, 0, spark.err);
  assert.equal(spark.report!.csvSchema, [['id', 'int'], ['name', 'string'], ['age', 'int'], ['city', 'string']]);
  assert.equal(spark.report!.csv, byId(PEOPLE));
});

test('Parquet and JSON that Spark wrote to the volume read back with the same rows', () => {
  assert.is(spark.code, 0, spark.err);
  assert.equal(spark.report!.parquetSchema, [['id', 'int'], ['name', 'string'], ['age', 'int'], ['city', 'string'], ['age_next_year', 'int']]);
  assert.equal(spark.report!.parquet, expectedPeople);
  assert.equal(spark.report!.json, expectedPeople);
});

test('the output directories hold part files and _SUCCESS, with no _temporary left', async () => {
  for (const dir of ['/spark/out/people.parquet', '/spark/out/people.json']) {
    const names = (await ok(['ls', dir])).trim().split('\n');
    assert.ok(names.includes('_SUCCESS'), `${dir}: ${names.join(' ')}`);
    assert.not.ok(names.includes('_temporary'), `${dir}: ${names.join(' ')}`);
    assert.ok(names.some((n) => n.startsWith('part-')), `${dir}: ${names.join(' ')}`);
  }
});

test('DuckDB reads the Parquet part files, fetched through the shim, with the expected rows', async () => {
  const local = join(home, 'fetched');
  await ok(['get', '/spark/out/people.parquet', local]);
  const parts = readdirSync(local).filter((n) => n.endsWith('.parquet'));
  assert.ok(parts.length > 0, readdirSync(local).join(' '));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const glob = join(local, '*.parquet').replace(/'/g, "''");
  const read = await duck.runAndReadAll(`select id, name, age, city, age_next_year from read_parquet('${glob}') order by id`);
  assert.equal(read.getRowObjects(), expectedPeople);
});

test.run();
