import { Command, InvalidArgumentError } from 'commander';
import { parseLogLevel, parsePort } from './option-parsers.js';
import { FsError } from '../errors/index.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '../log/index.js';
import { MgmtClient, selfHealDaemonOn, SHD_USER } from '../mgmt/index.js';
import { loadTlsDir } from '../rpc/index.js';
import { DEFAULT_HEAL_TIMEOUT_SEC, SelfHealDaemon, type VolumeSource } from '../shd/index.js';
import { guardProcess, logSink, stopOnSignals } from './daemon-process.js';

interface Opts {
  glusterdSock: string;
  host: string;
  port: number;
  healTimeout: number;
  sslDir?: string;
  ssl: boolean;
  logFile?: string;
  logLevel: LogLevel;
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of seconds (1 or more)');
  return n;
}

const program = new Command('glustershd')
  .description('The self-heal daemon of one server: heals the replica sets with a brick on --host (runs in the foreground).')
  .requiredOption('--glusterd-sock <path>', 'the local socket of the glusterd to read volumes, volfiles and this daemon\'s secret from')
  .requiredOption('--host <addr>', 'this server\'s advertised host (bricks on it are local); also listened on')
  .option('--port <n>', 'port for the shd RPC program, which only its glusterd may call (0 = any free port)', parsePort, 0)
  .option('--heal-timeout <s>', 'seconds between periodic index crawls', parseSeconds, DEFAULT_HEAL_TIMEOUT_SEC)
  .option('--ssl-dir <dir>', 'this server\'s TLS identity (glusterfs.pem/.key/.ca) for its mounts and --ssl')
  .option('--ssl', 'serve the shd program over TLS (glusterd\'s secure-access is on)', false)
  .option('--log-file <file>', 'append log lines here instead of stderr')
  .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, parseLogLevel, 'info' as LogLevel)
  .showHelpAfterError()
  .action(run);

async function run(o: Opts): Promise<void> {
  const log = createLogger('glustershd', o.logLevel, logSink(o.logFile));
  guardProcess(log);
  const source = glusterdSource(o.glusterdSock, log);
  let port: number;
  let shd: SelfHealDaemon;
  try {
    if (o.ssl && !o.sslDir) throw new FsError('EINVAL', '--ssl needs --ssl-dir');
    const secret = Buffer.from(await source.ask((c) => c.shdSecret()), 'hex');
    shd = new SelfHealDaemon({
      host: o.host, source, log, healTimeoutSec: o.healTimeout, sslDir: o.sslDir,
      callers: { user: SHD_USER, secret, tls: o.ssl ? loadTlsDir(o.sslDir!) : undefined },
    });
    port = await shd.start(o.port);
  } catch (e) {
    const msg = `cannot start the self-heal daemon: ${FsError.from(e).message}`;
    log.error(msg);
    process.stderr.write(`glustershd: ${msg}\n`);
    process.exit(1);
  }
  log.info('self-heal daemon ready', { host: o.host, port, volumes: shd.volumes() });
  // The one line glusterd waits for.
  process.stdout.write(`READY ${port}\n`);
  stopOnSignals(log, () => shd.close());
}

/** Volumes and volfiles from glusterd's local socket, one short connection per question. */
function glusterdSource(socket: string, log: Logger): VolumeSource & { ask<T>(q: (c: MgmtClient) => Promise<T>): Promise<T> } {
  const ask = async <T>(q: (c: MgmtClient) => Promise<T>): Promise<T> => {
    const c = await MgmtClient.connect('localhost', 0, { path: socket, log: log.child('mgmt'), callTimeoutMs: 30_000 });
    try {
      return await q(c);
    } finally {
      await c.close();
    }
  };
    // `cluster.self-heal-daemon off` takes a volume out of this daemon's hands (heal enable/disable).
  const volumes = async () => (await ask((c) => c.volumeInfo())).filter((v) => selfHealDaemonOn(v.options));
  return { volumes, volfile: (name) => ask((c) => c.getSpec(name)), ask };
}

await program.parseAsync();
