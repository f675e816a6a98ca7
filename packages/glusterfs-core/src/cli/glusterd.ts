import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { parseLogLevel, parsePort } from './option-parsers.js';
import { FsError } from '../errors/index.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log/index.js';
import { DEFAULT_BRICK_PORT_BASE, DEFAULT_MGMT_PORT, Glusterd } from '../mgmt/index.js';

interface Opts {
  workdir: string;
  host: string;
  port: number;
  brickPortBase: number;
  logFile?: string;
  logDir?: string;
  logLevel: LogLevel;
  glusterfsd?: string;
  glustershd?: string;
  sock?: string;
}


const program = new Command('glusterd')
  .description('The management daemon: peers, volumes, brick processes, the self-heal daemon, volfiles (runs in the foreground).')
  .requiredOption('--workdir <dir>', 'persistent store (volumes, peers, brick ports, logs)')
  .option('--host <addr>', 'address to bind and advertise to peers and clients', '127.0.0.1')
  .option('--port <n>', 'management port', parsePort, DEFAULT_MGMT_PORT)
  .option('--brick-port-base <n>', 'first port handed to bricks', parsePort, DEFAULT_BRICK_PORT_BASE)
  .option('--log-file <file>', 'append log lines here instead of stderr')
  .option('--log-dir <dir>', 'directory for brick logs (bricks/*.log; default WORKDIR/logs)')
  .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, parseLogLevel, 'info' as LogLevel)
  .option('--glusterfsd <script>', 'brick server entry script (default: this package\'s bin/glusterfsd.js)')
  .option('--glustershd <script>', 'self-heal daemon entry script (default: this package\'s bin/glustershd.js)')
  .option('--sock <path>', 'local socket for root\'s gluster commands (default WORKDIR/run/glusterd.socket)')
  .showHelpAfterError()
  .action(run);

async function run(o: Opts): Promise<void> {
  let sink: ((line: string) => void) | undefined;
  if (o.logFile) {
    mkdirSync(dirname(resolve(o.logFile)), { recursive: true });
    const out = createWriteStream(o.logFile, { flags: 'a' });
    sink = (line) => out.write(line + '\n');
  }
  const log = createLogger('glusterd', o.logLevel, sink);
  let gd: Glusterd;
  try {
    gd = await Glusterd.start({
      workdir: resolve(o.workdir), host: o.host, port: o.port, brickPortBase: o.brickPortBase, log,
      logDir: o.logDir ? resolve(o.logDir) : undefined,
      glusterfsd: o.glusterfsd ? resolve(o.glusterfsd) : undefined,
      glustershd: o.glustershd ? resolve(o.glustershd) : undefined,
      socket: o.sock ? resolve(o.sock) : undefined,
    });
  } catch (e) {
    process.stderr.write(`glusterd: ${startFailure(e, o)}\n`);
    process.exit(1);
  }
  // The line supervisors (gcluster, tests) wait for.
  process.stdout.write(`READY ${gd.port}\n`);
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('stopping', { signal: sig });
    gd.stop().then(() => process.exit(0), (e) => {
      log.error('stop failed', { error: (e as Error).message });
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function startFailure(e: unknown, o: Opts): string {
  const err = FsError.from(e);
  const raw = (e as NodeJS.ErrnoException).code;
  if (raw === 'EADDRINUSE' || /EADDRINUSE/.test(err.message)) {
    return `cannot listen on ${o.host}:${o.port}: the address is in use. Is another glusterd running there? Stop it, or pick another --port.`;
  }
  if (raw === 'EADDRNOTAVAIL' || /EADDRNOTAVAIL/.test(err.message)) {
    return `cannot listen on ${o.host}:${o.port}: ${o.host} is not an address of this machine. Use one it has (127.0.0.1, 127.0.0.2, … on loopback).`;
  }
  return `cannot start: ${err.message}`;
}

await program.parseAsync();
