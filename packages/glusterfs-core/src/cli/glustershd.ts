import { Command, InvalidArgumentError } from 'commander';
import { parseLogLevel, parsePort } from './option-parsers.js';
import { FsError } from '../errors/index.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '../log/index.js';
import { DEFAULT_MGMT_PORT, MgmtClient, selfHealDaemonOn } from '../mgmt/index.js';
import { DEFAULT_HEAL_TIMEOUT_SEC, SelfHealDaemon, type VolumeSource } from '../shd/index.js';
import { guardProcess, logSink, stopOnSignals } from './daemon-process.js';

interface Opts {
  glusterd: { host: string; port: number };
  host: string;
  port: number;
  healTimeout: number;
  logFile?: string;
  logLevel: LogLevel;
}

function parseHostPort(v: string): { host: string; port: number } {
  const m = /^([^:]+)(?::(\d+))?$/.exec(v.trim());
  const port = m?.[2] === undefined ? DEFAULT_MGMT_PORT : Number(m[2]);
  if (!m || port < 1 || port > 65535) throw new InvalidArgumentError('must be HOST or HOST:PORT');
  return { host: m[1], port };
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of seconds (1 or more)');
  return n;
}

const program = new Command('glustershd')
  .description('The self-heal daemon of one server: heals the replica sets with a brick on --host (runs in the foreground).')
  .requiredOption('--glusterd <host:port>', 'the glusterd to read volumes and volfiles from', parseHostPort)
  .requiredOption('--host <addr>', 'this server\'s advertised host (bricks on it are local); also listened on')
  .option('--port <n>', 'port for the shd RPC program (0 = any free port)', parsePort, 0)
  .option('--heal-timeout <s>', 'seconds between periodic index crawls', parseSeconds, DEFAULT_HEAL_TIMEOUT_SEC)
  .option('--log-file <file>', 'append log lines here instead of stderr')
  .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, parseLogLevel, 'info' as LogLevel)
  .showHelpAfterError()
  .action(run);

async function run(o: Opts): Promise<void> {
  const log = createLogger('glustershd', o.logLevel, logSink(o.logFile));
  guardProcess(log);
  const shd = new SelfHealDaemon({
    host: o.host, source: glusterdSource(o.glusterd.host, o.glusterd.port, log), log, healTimeoutSec: o.healTimeout,
  });
  let port: number;
  try {
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

/** Volumes and volfiles from glusterd, one short connection per question. */
function glusterdSource(host: string, port: number, log: Logger): VolumeSource {
  const ask = async <T>(q: (c: MgmtClient) => Promise<T>): Promise<T> => {
    const c = await MgmtClient.connect(host, port, { log: log.child('mgmt'), callTimeoutMs: 30_000 });
    try {
      return await q(c);
    } finally {
      await c.close();
    }
  };
    // `cluster.self-heal-daemon off` takes a volume out of this daemon's hands (heal enable/disable).
  const volumes = async () => (await ask((c) => c.volumeInfo())).filter((v) => selfHealDaemonOn(v.options));
  return { volumes, volfile: (name) => ask((c) => c.getSpec(name)) };
}

await program.parseAsync();
