import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isOurProcess, readPidFile, stopForeignProcess } from 'glusterfs-core';
import { SHIM_BIN } from 'hcfs-shim';
import type { HdfsEndpoints } from './endpoints.js';
import type { ClusterHome } from './home.js';
import type { HdfsPorts } from './options.js';

/** The HDFS shim of a home, as {@link startShim} started it. */
export interface StartedShim {
  endpoints: HdfsEndpoints;
  child: ChildProcess;
}

/** What the shim is started with: the volume it serves, where it listens, its block size. */
export interface ShimSpec {
  host: string;
  /** `host:mgmtPort/volume` of the home's glusterd. */
  volumeSpec: string;
  ports: HdfsPorts;
  /** Passed through as `--block-size` (the shim validates it). */
  blockSize?: string;
  /** The cluster runs with TLS: the shim uses glusterd's identity for the volume's connections and serves HTTPS. */
  tls?: boolean;
}

/** Matches the home's shim and no other: its log file lies under the home. */
const needlesOf = (h: ClusterHome): string[] => ['hcfs-shim', h.logs];

/**
 * Starts the HDFS shim for a home in its own process group (like glusterd, so a Ctrl-C in
 * gcluster's terminal does not reach it), with stdout and stderr in `<home>/logs/hcfs-shim.out`
 * and its log in `<home>/logs/hcfs-shim.log`; records its pid in `<home>/hcfs-shim.pid`, waits
 * for its READY line and records the endpoints in `<home>/hcfs-shim.json`. Throws, with the
 * shim's own complaint, when it exits or stays silent for `timeoutMs`; the pidfile is removed.
 */
export async function startShim(h: ClusterHome, spec: ShimSpec, timeoutMs = 20_000): Promise<StartedShim> {
  const outFile = join(h.logs, 'hcfs-shim.out');
  const out = openSync(outFile, 'a');
  // The .out file keeps earlier runs' READY lines: only what this run appends counts.
  const from = statSync(outFile).size;
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [
      SHIM_BIN, '--volume', spec.volumeSpec, '--host', spec.host,
      '--namenode-port', String(spec.ports.namenode), '--webhdfs-port', String(spec.ports.webhdfs),
      '--datanode-port', String(spec.ports.datanode), '--datanode-http-port', String(spec.ports.datanodeHttp),
      ...(spec.ports.datanodeIpc !== undefined ? ['--datanode-ipc-port', String(spec.ports.datanodeIpc)] : []),
      ...(spec.blockSize ? ['--block-size', spec.blockSize] : []),
      // HTTPS for WebHDFS and the datanode's HTTP port, with glusterd's own identity.
      ...(spec.tls ? ['--ssl-dir', h.ssl] : []),
      '--log-file', join(h.logs, 'hcfs-shim.log'),
    ], { detached: true, stdio: ['ignore', out, out], env: spec.tls ? { ...process.env, GLUSTER_SSL_DIR: h.ssl } : process.env });
  } finally {
    closeSync(out);
  }
  try {
    const ready = await waitForReady(h, child, outFile, from, timeoutMs);
    const endpoints: HdfsEndpoints = { ...ready, ...(spec.tls ? { https: true } : {}), pid: child.pid! };
    await writeFile(h.shimEndpoints, JSON.stringify(endpoints, null, 2) + '\n');
    return { endpoints, child };
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(h.shimPid, { force: true });
    throw e;
  }
}

async function waitForReady(h: ClusterHome, child: ChildProcess, outFile: string, from: number, timeoutMs: number): Promise<Omit<HdfsEndpoints, 'pid'>> {
  let exited: string | undefined;
  child.once('exit', (code, sig) => { exited = sig ?? `code ${code}`; });
  child.once('error', (e) => { exited = e.message; });
  if (child.pid !== undefined) await writeFile(h.shimPid, `${child.pid}\n`);
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const text = await readFrom(outFile, from);
    const m = /^READY (\{.*\})$/m.exec(text);
    if (m) return JSON.parse(m[1]) as Omit<HdfsEndpoints, 'pid'>;
    if (exited) throw new Error(`hcfs-shim exited (${exited}) before it was ready: ${complaint(text)}`);
    if (Date.now() > deadline) throw new Error(`hcfs-shim did not report READY within ${timeoutMs / 1000} s; see ${join(h.logs, 'hcfs-shim.log')}`);
    await sleep(delay);
  }
}

/** The shim's own error lines (its usage text follows a bad flag), else the end of its output. */
function complaint(out: string): string {
  const lines = out.trimEnd().split('\n');
  const errors = lines.filter((l) => /^(?:hcfs-shim: |error: )/.test(l));
  return (errors.length ? errors : lines.slice(-5)).join('\n') || '(no output)';
}

async function readFrom(file: string, offset: number): Promise<string> {
  const f = await open(file, 'r');
  try {
    const { size } = await f.stat();
    const buf = Buffer.alloc(Math.max(0, size - offset));
    await f.read(buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    await f.close();
  }
}

/** The pid of the home's shim when it is alive (by its pidfile), ready or not. */
export async function recordedShimPid(h: ClusterHome): Promise<number | undefined> {
  const pid = await readPidFile(h.shimPid);
  return pid !== undefined && await isOurProcess(pid, needlesOf(h)) ? pid : undefined;
}

/** The home's shim if it is alive (recorded pid) and became ready (recorded endpoints). */
export async function runningShim(h: ClusterHome): Promise<HdfsEndpoints | undefined> {
  const pid = await recordedShimPid(h);
  if (pid === undefined) return undefined;
  try {
    const e = JSON.parse(await readFile(h.shimEndpoints, 'utf8')) as HdfsEndpoints;
    return e.pid === pid ? e : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the home's shim by its recorded pid: SIGTERM, SIGKILL after 5 s. Returns its pid when
 * it was running. The pidfile and endpoints file are removed either way.
 */
export async function stopShim(h: ClusterHome): Promise<number | undefined> {
  const pid = await readPidFile(h.shimPid);
  const stopped = pid !== undefined && await stopForeignProcess(pid, needlesOf(h), 5000);
  await rm(h.shimPid, { force: true });
  await rm(h.shimEndpoints, { force: true });
  return stopped ? pid : undefined;
}
