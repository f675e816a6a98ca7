import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatEndpoints } from '../cluster/endpoints.js';
import { clusterHome } from '../cluster/home.js';
import { loadState, type ClusterOptions } from '../cluster/options.js';
import { Interrupts } from '../cluster/interrupts.js';
import { stopCluster } from '../cluster/shutdown.js';
import { clusterProcesses, formatProcesses } from '../cluster/status.js';
import { bringUp, type UpResult } from '../cluster/up.js';
import { reasonOf } from '../cluster/volume-setup.js';

interface UpFlags {
  home: string;
  bricks: number;
  replica: number;
  volume: string;
  portBase?: number;
  host: string;
  /** False with --no-hdfs. */
  hdfs: boolean;
  blockSize?: string;
  sslDir?: string;
  json?: boolean;
}

function int(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

function fail(msg: string): never {
  process.stderr.write(`gcluster: ${msg}\n`);
  process.exit(1);
}

const withUpOptions = (cmd: Command): Command => cmd
  .requiredOption('--home <dir>', 'directory holding the cluster (glusterd store, bricks, logs)')
  .option('--bricks <n>', 'number of bricks of a new volume', int(1, 64), 4)
  .option('--replica <n>', 'replica count of a new volume (1 = distribute only)', int(1, 16), 2)
  .option('--volume <name>', 'volume name', 'gv0')
  .option('--port-base <n>', 'glusterd on N, bricks on N+1…, HDFS shim on N+16…N+19 (default: 24007, 49152…, 8020/9870/9866/9864)', int(1, 65000))
  .option('--host <addr>', 'address glusterd, bricks and the HDFS shim bind', '127.0.0.1')
  .option('--no-hdfs', 'do not start the HDFS shim (namenode RPC, WebHDFS, datanode)')
  .option('--block-size <size>', 'block size of new HDFS files, e.g. 1m (default 128m)')
  .option('--ssl-dir <dir>', 'TLS everywhere with glusterfs.ca/.pem/.key from DIR: management (secure-access), the volume (server.ssl, client.ssl), HTTPS for WebHDFS');

const optionsOf = (f: UpFlags): ClusterOptions => ({
  bricks: f.bricks, replica: f.replica, volume: f.volume, host: f.host, portBase: f.portBase, hdfs: f.hdfs, blockSize: f.blockSize,
  sslDir: f.sslDir ? resolve(f.sslDir) : undefined,
});

async function up(f: UpFlags, mustStart: boolean, interrupts: Interrupts): Promise<UpResult> {
  if (f.bricks % f.replica !== 0) {
    fail(`--bricks ${f.bricks} is not a multiple of --replica ${f.replica}: give --bricks ${f.replica}, ${2 * f.replica}, ${3 * f.replica}, …, or --replica 1 for a distribute volume`);
  }
  // Bricks and the self-heal daemon (replicated volumes) take ports from N+1 upward.
  const daemons = f.bricks + (f.replica > 1 ? 1 : 0);
  if (f.hdfs && f.portBase !== undefined && daemons > 15) {
    fail(`with --port-base the HDFS shim takes N+16…N+19, and the bricks${f.replica > 1 ? ' and the self-heal daemon' : ''} would need ports up to N+${daemons}: give --bricks ${f.replica > 1 ? 14 : 15} or fewer, or --no-hdfs`);
  }
  try {
    return await bringUp(f.home, optionsOf(f), mustStart, interrupts.signal, interrupts.progress);
  } catch (e) {
    // An interrupt made start-up fail: its stop exits once everything is down.
    if (interrupts.stopping) await interrupts.stopping;
    fail(reasonOf(e));
  }
}

const program = new Command('gcluster')
  .description('Run a whole one-machine cluster (glusterd + bricks + self-heal daemon + a volume, by default 2 x 2 distributed-replicate, + its HDFS shim) from a home directory.')
  .showHelpAfterError();

withUpOptions(program.command('up'))
  .description('start glusterd in the background, create and start the volume (reusing an existing home), start the HDFS shim, print endpoints')
  .option('--json', 'print the endpoints as one line of JSON')
  .action(async (f: UpFlags) => {
    const interrupts = new Interrupts(f.home);
    const r = await up(f, false, interrupts);
    // A signal that came as the last step finished: its stop is under way and exits.
    if (interrupts.stopping) await interrupts.stopping;
    if (f.json) process.stdout.write(JSON.stringify(r.endpoints) + '\n');
    else process.stdout.write(formatEndpoints(r.endpoints, r.glusterdPid).replace(/\n  Ctrl-C.*\n/, `\n  stop it with: gcluster down --home ${f.home}\n`));
    // glusterd and the shim outlive us: forget the children so our exit does not wait for them.
    r.child?.unref();
    r.shim?.unref();
    process.exit(0);
  });

withUpOptions(program.command('start'))
  .description('like up, but stay in the foreground; Ctrl-C stops every process started (what `npm start` runs)')
  .action(async (f: UpFlags) => {
    const interrupts = new Interrupts(f.home);
    const r = await up(f, true, interrupts);
    if (interrupts.stopping) await interrupts.stopping;
    process.stdout.write(formatEndpoints(r.endpoints, r.glusterdPid));
    const shutdown = async (why: string, code: number): Promise<never> => {
      process.stdout.write(`\n  ${why}; stopping ${r.endpoints.hdfs ? 'the HDFS shim, ' : ''}glusterd, its bricks and its self-heal daemon…\n`);
      await stopCluster(r.home).catch((e) => process.stderr.write(`gcluster: ${reasonOf(e)}\n`));
      process.stdout.write('  stopped.\n');
      process.exit(code);
    };
    interrupts.whenUp = shutdown;
    r.child?.once('exit', (code, sig) => void interrupts.stop(`glusterd exited unexpectedly (${sig ?? `code ${code}`}); see ${r.home.logs}/glusterd.log`, 1));
    // The volume does not need the shim: say where to look and keep serving it.
    r.shim?.once('exit', (code, sig) => {
      if (!interrupts.stopping) process.stderr.write(`\n  gcluster: the HDFS shim exited unexpectedly (${sig ?? `code ${code}`}); see ${r.home.logs}/hcfs-shim.log and hcfs-shim.out. The volume stays up.\n`);
    });
  });

program.command('down')
  .description('stop the HDFS shim, glusterd, every brick and the self-heal daemon started from the home (the data stays)')
  .requiredOption('--home <dir>', 'the cluster\'s home directory')
  .action(async (f: { home: string }) => {
    const stopped = await stopCluster(clusterHome(f.home)).catch((e) => fail(reasonOf(e)));
    if (!stopped.length) process.stdout.write(`gcluster: nothing was running from ${clusterHome(f.home).root}\n`);
    for (const p of stopped) process.stdout.write(`stopped ${p.role} pid ${p.pid}${p.path ? ` (${p.path})` : ''}\n`);
  });

program.command('status')
  .description('list every process of the home\'s cluster with its role, pid, port and brick path')
  .requiredOption('--home <dir>', 'the cluster\'s home directory')
  .option('--json', 'print {home, processes: [...]} as JSON')
  .action(async (f: { home: string; json?: boolean }) => {
    const h = clusterHome(f.home);
    const processes = await clusterProcesses(h, loadState(h)).catch((e) => fail(reasonOf(e)));
    if (f.json) process.stdout.write(JSON.stringify({ home: h.root, processes }) + '\n');
    else if (!processes.length) process.stdout.write(`nothing is running from ${h.root} (start it with \`gcluster up --home ${f.home}\`)\n`);
    else process.stdout.write(formatProcesses(processes));
  });

await program.parseAsync();
