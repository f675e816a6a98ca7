import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SHIM_BIN } from 'hcfs-shim';

/** The shim's four listening ports. */
export interface ShimPorts { namenode: number; webhdfs: number; datanode: number; datanodeHttp: number }

/** What to start the shim with. */
export interface ShimProcessOptions {
  /** HOST:PORT/VOLUME of the volume's glusterd. */
  volumeSpec: string;
  host: string;
  ports: ShimPorts;
  logFile: string;
  /** `--block-size` of new files (the shim's default is 128m). */
  blockSize?: string;
  /** Node options placed before the script, e.g. `--cpu-prof --cpu-prof-dir DIR`. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

/** A running `hcfs-shim` process. */
export interface ShimProcess {
  readonly pid: number;
  /** The endpoints from its `READY {json}` line (HOST:PORT strings). */
  readonly endpoints: Record<string, string>;
  /** SIGTERM (it unmounts and exits, writing any CPU profile), SIGKILL if still alive after 15 s. */
  stop(): Promise<void>;
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-10).join('\n') : '');

/** Starts `hcfs-shim` as a real process and resolves once it prints READY. */
export function startShimProcess(o: ShimProcessOptions): Promise<ShimProcess> {
  const child = spawn(process.execPath, [
    ...(o.nodeArgs ?? []), SHIM_BIN, '--volume', o.volumeSpec, '--host', o.host,
    '--namenode-port', String(o.ports.namenode), '--webhdfs-port', String(o.ports.webhdfs),
    '--datanode-port', String(o.ports.datanode), '--datanode-http-port', String(o.ports.datanodeHttp),
    '--log-file', o.logFile, ...(o.blockSize ? ['--block-size', o.blockSize] : []),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '', err = '';
  child.stderr.on('data', (d: Buffer) => { err += d; });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      void stop();
      reject(new Error(`hcfs-shim ${why}: ${err.trim() || '(no stderr)'}\n${tail(o.logFile)}`));
    };
    const timer = setTimeout(() => fail(`printed no READY within ${(o.readyTimeoutMs ?? 30_000) / 1000} s`), o.readyTimeoutMs ?? 30_000);
    const early = (code: number | null, sig: NodeJS.Signals | null) => { clearTimeout(timer); fail(`exited before READY (${code ?? sig})`); };
    child.once('exit', early);
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ pid: child.pid!, endpoints: JSON.parse(line.slice(6)) as Record<string, string>, stop });
    });
  });
}
