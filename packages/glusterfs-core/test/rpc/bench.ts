/**
 * Measures the RPC layer on loopback, server in a child process: small-call rate with many
 * calls in flight and one at a time, and 1 MiB payload throughput both ways. Prints one JSON
 * line. Run: node packages/glusterfs-core/dist/test/rpc/bench.js [--same-process]
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connectRpc, createRpcServer } from '../../src/rpc/index.js';
import { silentLogger } from '../../src/log/index.js';

const log = silentLogger();
const payload = Buffer.alloc(1024 * 1024, 1);

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

if (process.argv[2] === 'server') {
  const { port } = await serve();
  process.send!(port);
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
let port: number;
let stop: () => Promise<void>;
if (process.argv.includes('--same-process')) {
  ({ port, stop } = await serve());
} else {
  const child = fork(new URL(import.meta.url).pathname, ['server']);
  [port] = (await once(child, 'message')) as [number];
  stop = async () => { child.disconnect(); await once(child, 'exit'); };
}
const client = connectRpc({ host: '127.0.0.1', port, log });
await client.waitConnected();

async function rate(inflight: number, total: number, make: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => { while (next < total) await make(next++); };
  await Promise.all(Array.from({ length: inflight }, worker));
  return total / ((performance.now() - t0) / 1000);
}

const ctx = { uid: 0, gid: 0, groups: [], pid: 1, lkOwner: '', xdata: {} };
await rate(256, 50_000, (i) => client.call('bench', 'small', [i]));
const small256 = await rate(256, 400_000, (i) => client.call('bench', 'small', [i, ctx, { path: '/a/b', gfid: 'x' }]));
const small1 = await rate(1, 30_000, (i) => client.call('bench', 'small', [i]));
const MiB = 1024 * 1024;
await rate(8, 200, () => client.call('bench', 'write', [payload]));
const writeRate = await rate(8, 3000, () => client.call('bench', 'write', [payload]));
const readRate = await rate(8, 3000, () => client.call('bench', 'read', []));
console.log(JSON.stringify({
  smallCallsPerSec256InFlight: Math.round(small256),
  smallCallsPerSecOneAtATime: Math.round(small1),
  write1MiBGiBps: +(writeRate * MiB / 2 ** 30).toFixed(2),
  read1MiBGiBps: +(readRate * MiB / 2 ** 30).toFixed(2),
}));
await client.close();
await stop();
}
