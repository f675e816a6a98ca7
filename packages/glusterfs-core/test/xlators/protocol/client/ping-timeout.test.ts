import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BrickServer } from '../../../../src/brick/index.js';
import { createCtx } from '../../../../src/fop/index.js';
import { newGfid } from '../../../../src/format/index.js';
import type { Graph } from '../../../../src/volume/index.js';
import { fsErrnoOf } from '../../../errno-of.js';
import { clientGraph, memoryBrickGraph, serveBrick, waitUp } from './harness.js';

// A frozen brick (SIGSTOP) keeps its TCP connection open and answers nothing. The relay below
// stands in for one: while frozen it forwards no byte in either direction and lets new
// connections wait unanswered, exactly what the kernel does for a stopped process.
const test = suite('protocol/client ping-timeout');
const ctx = () => createCtx({ uid: 0, gid: 0 });

/** A TCP relay to `port` that can be frozen and thawed. */
class FreezableRelay {
  readonly #server: Server;
  readonly #pairs = new Set<{ a: Socket; b: Socket | null; held: Buffer[] }>();
  #frozen = false;
  port = 0;

  constructor(readonly target: number) {
    this.#server = createServer((a) => this.#accept(a));
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.port = (this.#server.address() as { port: number }).port;
  }

  freeze(): void {
    this.#frozen = true;
    for (const p of this.#pairs) { p.a.pause(); p.b?.pause(); }
  }

  thaw(): void {
    this.#frozen = false;
    for (const p of this.#pairs) {
      if (!p.b) this.#connect(p);
      p.a.resume();
      p.b?.resume();
    }
  }

  async close(): Promise<void> {
    for (const p of this.#pairs) { p.a.destroy(); p.b?.destroy(); }
    await new Promise((r) => this.#server.close(r));
  }

  #accept(a: Socket): void {
    const pair = { a, b: null as Socket | null, held: [] as Buffer[] };
    this.#pairs.add(pair);
    a.on('data', (d) => (pair.b ? pair.b.write(d) : pair.held.push(d)));
    a.on('close', () => { pair.b?.destroy(); this.#pairs.delete(pair); });
    a.on('error', () => {});
    if (this.#frozen) a.pause();
    else this.#connect(pair);
  }

  #connect(pair: { a: Socket; b: Socket | null; held: Buffer[] }): void {
    const b = createConnection({ host: '127.0.0.1', port: this.target });
    pair.b = b;
    for (const d of pair.held.splice(0)) b.write(d);
    b.on('data', (d) => pair.a.write(d));
    b.on('close', () => pair.a.destroy());
    b.on('error', () => {});
  }
}

let brickGraph: Graph;
let brick: BrickServer;
let relay: FreezableRelay;

test.before(async () => {
  brickGraph = memoryBrickGraph();
  brick = await serveBrick(brickGraph);
  relay = new FreezableRelay(brick.port);
  await relay.listen();
});

test.after(async () => {
  await relay.close();
  await brick.close();
  await brickGraph.close();
});

test('a frozen brick fails the call in flight with ENOTCONN within ping-timeout; after a thaw it works again', async () => {
  const { graph, events } = clientGraph({ 'brick-port': relay.port, 'ping-timeout': 1, 'call-timeout': 60 });
  try {
    await waitUp(graph);
    await graph.top.mkdir(ctx(), { path: '/p', gfid: newGfid() }, 0o755);
    relay.freeze();
    const t0 = Date.now();
    assert.is(await fsErrnoOf(graph.top.stat(ctx(), { path: '/p' })), 'ENOTCONN');
    const waited = Date.now() - t0;
    assert.ok(waited >= 900 && waited < 3000, `failed after ${waited} ms, expected about 1 s`);
    assert.is(graph.xlators.get('tv-client-0')!.up, false);
    assert.is(await fsErrnoOf(graph.top.stat(ctx(), { path: '/p' })), 'ENOTCONN', 'later calls fail at once while down');
    relay.thaw();
    await waitUp(graph);
    assert.is(await fsErrnoOf(graph.top.stat(ctx(), { path: '/p' })), 'ok');
    assert.equal(events.map((e) => e.kind), ['child-up', 'child-down', 'child-up']);
  } finally {
    relay.thaw();
    await graph.close();
  }
});

test('a brick that is alive but idle is never dropped', async () => {
  const { graph, events } = clientGraph({ 'brick-port': brick.port, 'ping-timeout': 1 });
  try {
    await waitUp(graph);
    // Several timeouts of silence from the caller's side: pings keep the link alive.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(events.map((e) => e.kind), ['child-up']);
    assert.is(await fsErrnoOf(graph.top.stat(ctx(), { path: '/' })), 'ok');
  } finally {
    await graph.close();
  }
});

test('ping-timeout 0 never drops the connection: a frozen brick only times calls out', async () => {
  const { graph, events } = clientGraph({ 'brick-port': relay.port, 'ping-timeout': 0, 'call-timeout': 2 });
  try {
    await waitUp(graph);
    relay.freeze();
    assert.is(await fsErrnoOf(graph.top.stat(ctx(), { path: '/' })), 'ETIMEDOUT');
    assert.equal(events.map((e) => e.kind), ['child-up'], 'still connected');
  } finally {
    relay.thaw();
    await graph.close();
  }
});

test.run();
