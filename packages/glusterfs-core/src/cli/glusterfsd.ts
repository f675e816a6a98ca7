import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { parseLogLevel, parsePort } from './option-parsers.js';
import { startBrick, type Brick } from '../brick/index.js';
import { FsError } from '../errors/index.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log/index.js';
import { guardProcess, logSink, stopOnSignals } from './daemon-process.js';

interface Opts {
  volfile: string;
  brickPath: string;
  volume: string;
  subvolume: string;
  host: string;
  port: number;
  tasks: string[];
  logFile?: string;
  logLevel: LogLevel;
}


function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

const program = new Command('glusterfsd')
  .description('A brick server: serves one brick graph over the fop RPC, plus its task service (runs in the foreground).')
  .requiredOption('--volfile <file>', 'brick-side volfile (JSON)')
  .requiredOption('--brick-path <dir>', 'the brick directory (for the task service)')
  .requiredOption('--volume <name>', 'the volume name')
  .requiredOption('--subvolume <name>', 'this brick\'s subvolume name in client volfiles')
  .option('--host <addr>', 'address to listen on', '127.0.0.1')
  .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 0)
  .option('--tasks <modules>', 'comma-separated task handler modules to load', list, [] as string[])
  .option('--log-file <file>', 'append log lines here instead of stderr')
  .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, parseLogLevel, 'info' as LogLevel)
  .showHelpAfterError()
  .action(run);

async function run(o: Opts): Promise<void> {
  const log = createLogger('glusterfsd', o.logLevel, logSink(o.logFile));
  guardProcess(log);
  let brick: Brick;
  try {
    brick = await startBrick({
      volfileText: readFileSync(o.volfile, 'utf8'),
      brick: { path: resolve(o.brickPath), volume: o.volume, subvolume: o.subvolume },
      tasks: o.tasks, host: o.host, port: o.port, log,
    });
  } catch (e) {
    const msg = `cannot start brick ${o.brickPath}: ${FsError.from(e).message}`;
    log.error(msg);
    process.stderr.write(`glusterfsd: ${msg}\n`);
    process.exit(1);
  }
  log.info('brick ready', { brick: o.brickPath, host: o.host, port: brick.port });
  // The one line glusterd waits for.
  process.stdout.write(`READY ${brick.port}\n`);
  stopOnSignals(log, () => brick.close());
}

await program.parseAsync();
