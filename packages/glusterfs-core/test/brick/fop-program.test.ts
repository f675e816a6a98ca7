import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { serveGraph, type BrickServer } from '../../src/brick/index.js';
import { FOP_NAMES, type Fops, type XlatorDef } from '../../src/fop/index.js';
import { newGfid } from '../../src/format/index.js';
import { silentLogger } from '../../src/log/index.js';
import { connectRpc, type RpcClient } from '../../src/rpc/index.js';
import { buildGraph, parseVolfile, resolveXlator, type Graph } from '../../src/volume/index.js';
import { defineOptions } from '../../src/volume/options.js';
import { fsErrnoOf } from '../errno-of.js';

const test = suite('brick/fop-program');
const log = silentLogger();
const CTX = { uid: 0, gid: 0, groups: [], pid: 1, lkOwner: '', xdata: {} };
const RW = O.O_RDWR;

/** What the gate translator saw, and the fops it holds back until `open()`. */
const gate = {
  log: [] as string[],
  held: new Set<string>(),
  waiting: [] as (() => void)[],
  open(): void {
    this.held.clear();
    for (const w of this.waiting.splice(0)) w();
  },
};

/** `test/gate`: logs each fop as it starts (`write>`) and ends (`<write`), holding back those in `gate.held`. */
const gateXlator: XlatorDef = {
  type: 'test/gate',
  options: defineOptions({}),
  doc: 'Logs fops and holds chosen ones back (tests).',
  create({ children }) {
    const child = children[0];
    const fops: Record<string, unknown> = {};
    for (const fop of FOP_NAMES) {
      const wind = (child[fop] as (...a: unknown[]) => Promise<unknown>).bind(child);
      fops[fop] = async (...args: unknown[]) => {
        gate.log.push(`${fop}>`);
        if (gate.held.has(fop)) await new Promise<void>((r) => gate.waiting.push(r));
        try {
          return await wind(...args);
        } finally {
          gate.log.push(`<${fop}`);
        }
      };
    }
    return { fops: fops as Partial<Fops> };
  },
};

let graph: Graph;
let brick: BrickServer;
let rpc: RpcClient;

const fop = (name: string, ...args: unknown[]) => rpc.call('fop', name, [CTX, ...args]);

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

test.before(async () => {
  const text = JSON.stringify({
    volume: 'tv', top: 'tv-gate',
    nodes: [{ name: 'tv-gate', type: 'test/gate', children: ['tv-mem'] }, { name: 'tv-mem', type: 'storage/memory' }],
  });
  graph = buildGraph(parseVolfile(text), (t) => (t === 'test/gate' ? gateXlator : resolveXlator(t)), log);
  brick = await serveGraph(graph, { brick: { path: '/nonexistent-brick', volume: 'tv', subvolume: 'tv-gate' }, tasks: [], host: '127.0.0.1', port: 0, log });
  rpc = connectRpc({ host: '127.0.0.1', port: brick.port, log, reconnect: false });
  await rpc.waitConnected();
});

test.before.each(() => {
  gate.log.length = 0;
});

test.after(async () => {
  await rpc.close();
  await brick.close();
  await graph.close();
});

test('calls sent right behind a create, on the number the client chose, run once it is done', async () => {
  gate.held.add('create');
  const calls = [
    fop('create', { path: '/a', gfid: newGfid() }, RW | O.O_CREAT | O.O_EXCL, 0o644, 7),
    fop('write', 7, Buffer.from('hello'), 0),
    fop('fstat', 7),
    fop('flush', 7),
    fop('release', 7),
  ];
  await until(() => gate.waiting.length === 1);
  assert.equal(gate.log, ['create>'], 'nothing on the fd runs before its create');
  gate.open();
  const [, wrote, st] = (await Promise.all(calls)) as [unknown, { size: number }, { size: number }];
  assert.is(wrote.size, 5);
  assert.is(st.size, 5);
  assert.equal(gate.log.filter((e) => e.endsWith('>')), ['create>', 'write>', 'fstat>', 'flush>', 'release>']);
  assert.is(await fsErrnoOf(fop('fstat', 7)), 'EBADF', 'the number is gone after release');
  assert.is(brick.openFds, 0);
});

test('a call naming an unknown fd number is EBADF; a number in use or malformed cannot open', async () => {
  assert.is(await fsErrnoOf(fop('write', 99, Buffer.from('x'), 0)), 'EBADF');
  assert.is(await fsErrnoOf(fop('release', 99)), 'EBADF');
  await fop('open', { path: '/a' }, RW, 5);
  assert.is(await fsErrnoOf(fop('open', { path: '/a' }, RW, 5)), 'EBADF');
  assert.is(await fsErrnoOf(fop('open', { path: '/a' }, RW, 0)), 'EINVAL');
  assert.is(await fsErrnoOf(fop('open', { path: '/a' }, RW, 'x')), 'EINVAL');
  assert.is(brick.openFds, 1);
  await fop('release', 5);
  assert.is(brick.openFds, 0);
});

test('release runs only after the writes sent before it have settled; the writes run in parallel', async () => {
  await fop('create', { path: '/r', gfid: newGfid() }, RW | O.O_CREAT | O.O_EXCL, 0o644, 11);
  gate.held.add('write');
  const calls = [fop('write', 11, Buffer.from('ab'), 0), fop('write', 11, Buffer.from('cd'), 2), fop('release', 11)];
  await until(() => gate.waiting.length === 2);
  assert.equal(gate.log, ['create>', '<create', 'write>', 'write>'], 'both writes started, release waits');
  gate.open();
  await Promise.all(calls);
  assert.equal(gate.log.slice(4), ['<write', '<write', 'release>', '<release']);
  const st = (await fop('stat', { path: '/r' })) as { size: number };
  assert.is(st.size, 4);
});

test('a write sent behind an ftruncate waits for it, so truncate-then-write can be pipelined', async () => {
  await fop('create', { path: '/t', gfid: newGfid() }, RW | O.O_CREAT | O.O_EXCL, 0o644, 12);
  await fop('write', 12, Buffer.from('0123456789'), 0);
  gate.log.length = 0;
  gate.held.add('ftruncate');
  const calls = [fop('ftruncate', 12, 0), fop('write', 12, Buffer.from('ab'), 0), fop('release', 12)];
  await until(() => gate.waiting.length === 1);
  assert.equal(gate.log, ['ftruncate>']);
  gate.open();
  await Promise.all(calls);
  assert.equal(gate.log, ['ftruncate>', '<ftruncate', 'write>', '<write', 'release>', '<release']);
  assert.is(((await fop('stat', { path: '/t' })) as { size: number }).size, 2);
});

test('a failed create leaves no number behind: calls sent behind it get its errno', async () => {
  const calls = [
    fop('create', { path: '/a', gfid: newGfid() }, RW | O.O_CREAT | O.O_EXCL, 0o644, 3),
    fop('write', 3, Buffer.from('x'), 0),
    fop('flush', 3),
    fop('release', 3),
  ];
  const codes = await Promise.all(calls.map(fsErrnoOf));
  assert.equal(codes.slice(0, 3), ['EEXIST', 'EEXIST', 'EEXIST']);
  assert.is.not(codes[3], 'ok');
  assert.ok(!gate.log.includes('write>') && !gate.log.includes('release>'), 'nothing reached the graph on a failed fd');
  assert.is(brick.openFds, 0);
  assert.is(await fsErrnoOf(fop('write', 3, Buffer.from('x'), 0)), 'EBADF');
  await fop('create', { path: '/b', gfid: newGfid() }, RW | O.O_CREAT | O.O_EXCL, 0o644, 3);
  await fop('release', 3);
});

test('a disconnecting client\'s fds are released once their open and calls are done', async () => {
  const other = connectRpc({ host: '127.0.0.1', port: brick.port, log, reconnect: false });
  await other.waitConnected();
  gate.held.add('open');
  void other.call('fop', 'open', [CTX, { path: '/a' }, RW, 1]).catch(() => undefined);
  await until(() => gate.waiting.length === 1);
  await other.close();
  await until(() => brick.openFds === 0);
  assert.ok(!gate.log.includes('release>'), 'not released while its open runs');
  gate.open();
  await until(() => gate.log.includes('<release'));
  assert.equal(gate.log, ['open>', '<open', 'release>', '<release']);
});

test.run();
