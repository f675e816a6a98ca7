/**
 * Measures the RPC layer on loopback with the server in a child process: small calls per second
 * (256 in flight, and one at a time) and 1 MiB payload throughput each way. Prints one JSON
 * line; no assertions. Run: node packages/glusterfs-core/dist/test/rpc/bench.js [--same-process]
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { silentLogger } from '../../src/log/index.js';
import { connectRpc, createRpcServer } from '../../src/rpc/index.js';

const MiB = 1024 * 1024;
const log = silentLogger();
const payload = Buffer.alloc(MiB, 1);

async function serve(): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createRpcServer({ log });
  server.program('bench', {
    async small(args) { return { ok: true, n: args[0] }; },
    async read() { return payload; },
    async write(args) { return (args[0] as Buffer).length; },
  });
  const port = await server.listen(0, '127.0.0.1');
  return { port, stop: () => server.close() };
}

async function startServer(): Promise<{ port: number; stop(): Promise<void> }> {
  if (process.argv.includes('--same-process')) return serve();
  const child = fork(new URL(import.meta.url).pathname, ['server']);
  const [port] = (await once(child, 'message')) as [number];
  return { port, stop: async () => { child.disconnect(); await once(child, 'exit'); } };
}

/** Calls/s for `total` calls issued by `inflight` concurrent loops. */
async function rate(inflight: number, total: number, make: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const loop = async () => { while (next < total) await make(next++); };
  await Promise.all(Array.from({ length: inflight }, loop));
  return total / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const { port, stop } = await startServer();
  const client = connectRpc({ host: '127.0.0.1', port, log });
  await client.waitConnected();
  // A fop-shaped argument list: context, location, a number.
  const ctx = { uid: 0, gid: 0, groups: [], pid: 1, lkOwner: '', xdata: {} };
  const small = (i: number) => client.call('bench', 'small', [ctx, { path: '/a/b', gfid: '00000000-0000-0000-0000-000000000001' }, i]);
  await rate(256, 50_000, small);
  const small256 = await rate(256, 400_000, small);
  const small1 = await rate(1, 30_000, small);
  await rate(8, 200, () => client.call('bench', 'write', [payload]));
  const write = await rate(8, 3000, () => client.call('bench', 'write', [payload]));
  const read = await rate(8, 3000, () => client.call('bench', 'read', []));
  console.log(JSON.stringify({
    smallCallsPerSec256InFlight: Math.round(small256),
    smallCallsPerSecOneAtATime: Math.round(small1),
    write1MiBGiBps: +((write * MiB) / 2 ** 30).toFixed(2),
    read1MiBGiBps: +((read * MiB) / 2 ** 30).toFixed(2),
  }));
  await client.close();
  await stop();
}

if (process.argv[2] === 'server') {
  const { port } = await serve();
  process.send!(port);
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}
