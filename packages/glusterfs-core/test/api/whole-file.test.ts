import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolfile, type Volume } from '../../src/api/index.js';
import type { BrickServer } from '../../src/brick/index.js';
import { silentLogger } from '../../src/log/index.js';
import { buildGraph, parseVolfile, type Graph } from '../../src/volume/index.js';
import { resolve, serveBrick } from '../xlators/protocol/client/harness.js';
import { rejectsWith } from './expect-code.js';

const test = suite('api/whole-file (over the fop RPC)');

/** An in-process brick on storage/memory, with `errorGen` options (if any) on top. */
async function startBrick(errorGen?: Record<string, unknown>): Promise<{ graph: Graph; server: BrickServer }> {
  const nodes: object[] = [{ name: 'tv-mem', type: 'storage/memory' }];
  if (errorGen) nodes.unshift({ name: 'tv-err', type: 'debug/error-gen', options: errorGen, children: ['tv-mem'] });
  const text = JSON.stringify({ volume: 'tv', top: errorGen ? 'tv-err' : 'tv-mem', nodes });
  const graph = buildGraph(parseVolfile(text), resolve, silentLogger());
  return { graph, server: await serveBrick(graph) };
}

function mountOn(server: BrickServer): Promise<Volume> {
  const text = JSON.stringify({
    volume: 'tv', top: 'tv-client-0',
    nodes: [{ name: 'tv-client-0', type: 'protocol/client', options: { 'remote-host': '127.0.0.1', 'brick-port': server.port } }],
  });
  return mountVolfile(text, { resolve });
}

test('small files written and read whole leave no fd open on the brick, whatever the path taken', async () => {
  const { graph, server } = await startBrick();
  const vol = await mountOn(server);
  const data = Buffer.alloc(2048, 7);
  await Promise.all(Array.from({ length: 50 }, (_, i) => vol.writeFile(`/f${i}`, data)));
  const back = await Promise.all(Array.from({ length: 50 }, (_, i) => vol.readFile(`/f${i}`)));
  assert.ok(back.every((b) => b.equals(data)));
  assert.is(server.openFds, 0);
  await vol.writeFile('/f0', 'short');
  assert.is(await vol.readFile('/f0', 'utf8'), 'short', 'an existing file is truncated before the write');
  await vol.writeFile('/f0', '+tail', { append: true });
  assert.is(await vol.readFile('/f0', 'utf8'), 'short+tail');
  await vol.writeFile('/empty', '');
  assert.is((await vol.readFile('/empty')).length, 0);
  const big = Buffer.alloc((1 << 20) + 5, 3);
  await vol.writeFile('/big', big);
  assert.ok((await vol.readFile('/big')).equals(big), 'files over 1 MiB take the chunked path');
  const fh = await vol.open('/f1', 'r');
  assert.is(server.openFds, 1);
  await fh.close();
  assert.is(server.openFds, 0);
  await vol.unmount();
  await server.close();
  await graph.close();
});

test('a failed pipelined create is the error of writeFile, and leaves no fd behind on the brick', async () => {
  const { graph, server } = await startBrick({ enable: ['create'], failure: 100, 'error-no': 'ENOSPC' });
  const vol = await mountOn(server);
  const e = await rejectsWith(vol.writeFile('/nope', Buffer.alloc(100)), 'ENOSPC');
  assert.match(e.message, "writeFile '/nope'");
  assert.is(server.openFds, 0);
  assert.is(await vol.exists('/nope'), false);
  await vol.unmount();
  await server.close();
  await graph.close();
});

test('readFile of a missing file or a directory raises ENOENT or EISDIR', async () => {
  const { graph, server } = await startBrick();
  const vol = await mountOn(server);
  await rejectsWith(vol.readFile('/missing'), 'ENOENT');
  await vol.mkdir('/dir');
  await rejectsWith(vol.readFile('/dir'), 'EISDIR');
  await rejectsWith(vol.writeFile('/dir', 'x'), 'EISDIR');
  assert.is(server.openFds, 0);
  await vol.unmount();
  await server.close();
  await graph.close();
});

test.run();
