import type { ChildProcess } from 'node:child_process';
import type { MgmtClient } from 'glusterfs-core';
import { endpointsOf, type Endpoints } from './endpoints.js';
import { connectExisting, spawnGlusterd, waitForGlusterd } from './glusterd-process.js';
import { clusterHome, makeHome, recordedGlusterdPid, type ClusterHome } from './home.js';
import { hdfsPortsFor, loadState, portsFor, saveState, type ClusterOptions, type ClusterState } from './options.js';
import { glusterdAlive } from './processes.js';
import { runningShim, startShim, stopShim } from './shim-process.js';
import { stopCluster } from './shutdown.js';
import { installTls, tlsInstalled } from './tls-setup.js';
import { ensureVolume } from './volume-setup.js';

/** A cluster brought up by {@link bringUp}. */
export interface UpResult {
  home: ClusterHome;
  endpoints: Endpoints;
  glusterdPid: number | undefined;
  /** The glusterd child when this call started it (undefined when one was already running). */
  child?: ChildProcess;
  /** The HDFS shim child when this call started it. */
  shim?: ChildProcess;
}

/**
 * What a {@link bringUp} in progress has started so far, for whoever must stop it when it is
 * interrupted: set before each spawn, so an interrupt at any instant knows what is its to stop.
 */
export interface UpProgress {
  /** This call spawned (or is about to spawn) the home's glusterd: the whole cluster is its own. */
  startedGlusterd: boolean;
  /** This call spawned (or is about to spawn) the HDFS shim. */
  startedShim: boolean;
}

/**
 * Brings a one-machine cluster up from a home: reuses a glusterd already running from it (unless
 * `mustStart`), else starts one; then creates and starts the volume unless it exists, waits
 * until every brick is online, and starts the HDFS shim unless `o.hdfs` is off or the home's
 * shim already runs. On failure, whatever this call started is stopped again. Once `signal` is
 * aborted (an interrupt), it starts nothing more and fails with the abort reason; the caller
 * stops what `progress` says was started, so that no process is left whenever the interrupt came.
 */
export async function bringUp(dir: string, o: ClusterOptions, mustStart: boolean, signal?: AbortSignal, progress?: UpProgress): Promise<UpResult> {
  const home = clusterHome(dir);
  const step = { signal, progress };
  makeHome(home);
  const { mgmt, brickBase } = portsFor(o);
  const wanted: ClusterState = {
    host: o.host, mgmtPort: mgmt, brickPortBase: brickBase, volume: o.volume, ...(o.hdfs ? { hdfs: hdfsPortsFor(o) } : {}),
  };
  const runningPid = await recordedGlusterdPid(home);
  if (await glusterdAlive(home, runningPid)) {
    if (mustStart) {
      throw new Error(`a cluster is already running from ${home.root} (glusterd pid ${runningPid}). Stop it with \`gcluster down --home ${dir}\`, or use it as it is.`);
    }
    const saved = loadState(home) ?? wanted;
    const c = await connectExisting(home, saved);
    if (!c) throw new Error(`glusterd (pid ${runningPid}) runs but does not answer on ${saved.host}:${saved.mgmtPort}; see ${home.logs}/glusterd.log, or restart it with \`gcluster down --home ${dir}\` then \`gcluster up\``);
    // The running cluster keeps its ports, the shim's too; only whether HDFS is on follows the flags.
    const { hdfs, ...rest } = saved;
    const state: ClusterState = o.hdfs ? { ...rest, hdfs: hdfs ?? hdfsPortsFor(o) } : rest;
    if (JSON.stringify(state) !== JSON.stringify(saved)) await saveState(home, state);
    const { endpoints, shim } = await withShim(home, o, state, await setUp(c, home, o, state, signal), step);
    return { home, glusterdPid: runningPid, endpoints, shim };
  }
  // A shim left from an earlier run served the glusterd that is gone: start afresh.
  await stopShim(home);
  if (o.sslDir) installTls(home, o.sslDir);
  await saveState(home, wanted);
  signal?.throwIfAborted();
  if (progress) progress.startedGlusterd = true;
  const child = spawnGlusterd(home, wanted);
  try {
    const c = await waitForGlusterd(home, wanted, child, undefined, signal);
    const { endpoints, shim } = await withShim(home, o, wanted, await setUp(c, home, o, wanted, signal), step);
    return { home, glusterdPid: child.pid, child, endpoints, shim };
  } catch (e) {
    // Interrupted: the interrupt's own shutdown stops the cluster (two at once would race).
    if (signal?.aborted) throw e;
    await stopCluster(home).catch(() => {});
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  }
}

async function setUp(c: MgmtClient, home: ClusterHome, o: ClusterOptions, s: ClusterState, signal?: AbortSignal): Promise<Endpoints> {
  try {
    const report = await ensureVolume(c, home, o, s, signal);
    return endpointsOf(home.root, s, report);
  } finally {
    await c.close();
  }
}

/**
 * Adds the HDFS shim over the started volume to its endpoints: the home's running shim as it
 * is (whatever --block-size says now), else a new one when HDFS is on.
 */
async function withShim(home: ClusterHome, o: ClusterOptions, s: ClusterState, e: Endpoints,
  { signal, progress }: { signal?: AbortSignal; progress?: UpProgress }): Promise<{ endpoints: Endpoints; shim?: ChildProcess }> {
  const running = await runningShim(home);
  if (running) return { endpoints: { ...e, hdfs: running } };
  if (!o.hdfs || !s.hdfs) return { endpoints: e };
  signal?.throwIfAborted();
  if (progress) progress.startedShim = true;
  const started = await startShim(home, {
    host: s.host, volumeSpec: e.volumeSpec, ports: s.hdfs, blockSize: o.blockSize, tls: tlsInstalled(home),
  });
  return { endpoints: { ...e, hdfs: started.endpoints }, shim: started.child };
}
