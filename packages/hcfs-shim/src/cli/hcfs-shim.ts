import { Command, InvalidArgumentError } from 'commander';
import {
  createLogger, defaultVolumeSpec, FsError, guardProcess, loadTlsDir, logSink, mountVolume, parseLogLevel, parsePort, stopOnSignals,
  type LogLevel,
} from 'glusterfs-core';
import { DEFAULT_BLOCK_TOKEN_TIMES } from '../blocks/index.js';
import { DEFAULT_PORTS, startShim } from '../shim.js';

interface Opts {
  volume: string;
  host: string;
  namenode: boolean;
  namenodePort: number;
  webhdfsPort: number;
  datanodePort: number;
  datanodeHttpPort: number;
  datanodeIpcPort: number;
  blockSize?: number;
  superuser?: string;
  supergroup?: string;
  leaseSoftLimit?: number;
  leaseHardLimit?: number;
  blockTokenLifetime?: number;
  blockKeyUpdateInterval?: number;
  sslDir?: string;
  logFile?: string;
  logLevel: LogLevel;
}

/** Sizes as HDFS writes them: bytes, or with k/m/g (binary) suffixes. */
function parseSize(v: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(v.trim());
  const n = m ? Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase()) : NaN;
  if (!Number.isSafeInteger(n) || n < 512 || n % 512 !== 0) throw new InvalidArgumentError('must be a multiple of 512 bytes, e.g. 134217728, 128m or 1m');
  return n;
}

function parseMs(v: string, _prev?: unknown, min = 100): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of milliseconds (${min} or more)`);
  return n;
}

const program = new Command('hcfs-shim')
  .description('HDFS endpoints for a volume: namenode RPC (hdfs://), WebHDFS, and this server\'s datanode. Runs in the foreground.')
  .option('--volume <spec>', 'the volume to serve, HOST:PORT/VOLUME of its glusterd', defaultVolumeSpec())
  .option('--host <addr>', 'this server\'s address: listened on and handed to clients for its datanode', '127.0.0.1')
  .option('--no-namenode', 'run only this server\'s datanode (the namenode runs on another server)')
  .option('--namenode-port <n>', 'namenode RPC port', parsePort, DEFAULT_PORTS.namenode)
  .option('--webhdfs-port <n>', 'WebHDFS (namenode HTTP) port', parsePort, DEFAULT_PORTS.webhdfs)
  .option('--datanode-port <n>', 'datanode transfer port (the same on every server)', parsePort, DEFAULT_PORTS.datanode)
  .option('--datanode-http-port <n>', 'datanode HTTP port for WebHDFS redirects', parsePort, DEFAULT_PORTS.datanodeHttp)
  .option('--datanode-ipc-port <n>', 'datanode IPC port (ClientDatanodeProtocol; the same on every server, 0 = any free one on a one-server cluster)', parsePort, DEFAULT_PORTS.datanodeIpc)
  .option('--block-size <bytes>', 'block size of new files (default 128m)', parseSize)
  .option('--superuser <name>', 'HDFS superuser (default: the user running the shim)')
  .option('--supergroup <name>', 'members of this group are superusers too', 'supergroup')
  .option('--lease-soft-limit <ms>', 'after this long without renewal another client may take a file over (default 60000)', parseMs)
  .option('--lease-hard-limit <ms>', 'after this long without renewal the namenode closes the file (default 1200000)', parseMs)
  .option('--block-token-lifetime <ms>', 'block tokens expire this long after they are issued (HDFS dfs.block.access.token.lifetime, default 36000000 = 600 min)', parseMs)
  .option('--block-key-update-interval <ms>', 'a new block token key every this long; the same on every shim of the volume (default 36000000 = 600 min)', (v) => parseMs(v, undefined, 1000))
  .option('--ssl-dir <dir>', 'serve WebHDFS and the datanode HTTP port as HTTPS only (swebhdfs://) with glusterfs.pem and glusterfs.key from this directory')
  .option('--log-file <file>', 'append log lines here instead of stderr')
  .option('--log-level <level>', 'debug, info, warn or error', parseLogLevel, 'info' as LogLevel)
  .showHelpAfterError()
  .action(run);

async function run(o: Opts): Promise<void> {
  const log = createLogger('hcfs-shim', o.logLevel, logSink(o.logFile));
  guardProcess(log);
  try {
    // TLS material first: a bad --ssl-dir fails before the volume is mounted.
    const tls = o.sslDir ? loadTlsDir(o.sslDir) : undefined;
    const volume = await mountVolume(o.volume, { log: log.child('client') });
    const soft = o.leaseSoftLimit ?? 60_000;
    const shim = await startShim({
      volume, host: o.host, namenode: o.namenode, log, blockSize: o.blockSize, superuser: o.superuser, supergroup: o.supergroup, tls,
      leases: { softMs: soft, hardMs: Math.max(o.leaseHardLimit ?? 1_200_000, soft) },
      blockTokens: {
        lifetimeMs: o.blockTokenLifetime ?? DEFAULT_BLOCK_TOKEN_TIMES.lifetimeMs,
        keyUpdateIntervalMs: o.blockKeyUpdateInterval ?? DEFAULT_BLOCK_TOKEN_TIMES.keyUpdateIntervalMs,
      },
      ports: { namenode: o.namenodePort, webhdfs: o.webhdfsPort, datanode: o.datanodePort, datanodeHttp: o.datanodeHttpPort, datanodeIpc: o.datanodeIpcPort },
    });
    log.info('HDFS endpoints ready', shim.endpoints);
    // The one line a supervisor (gcluster) waits for.
    process.stdout.write(`READY ${JSON.stringify(shim.endpoints)}\n`);
    stopOnSignals(log, async () => {
      await shim.close();
      await volume.unmount();
    });
  } catch (e) {
    const msg = `cannot start the HDFS endpoints for ${o.volume}: ${FsError.from(e).message}`;
    log.error(msg);
    process.stderr.write(`hcfs-shim: ${msg}\n`);
    process.exit(1);
  }
}

await program.parseAsync();
