import type { ChildProcess } from 'node:child_process';
import type { MgmtClient } from 'glusterfs-core';
import { endpointsOf, type Endpoints } from './endpoints.js';
import { connectExisting, spawnGlusterd, waitForGlusterd } from './glusterd-process.js';
import { clusterHome, makeHome, recordedGlusterdPid, type ClusterHome } from './home.js';
import { loadState, portsFor, saveState, type ClusterOptions, type ClusterState } from './options.js';
import { glusterdAlive } from './processes.js';
import { stopCluster } from './shutdown.js';
import { ensureVolume } from './volume-setup.js';

/** A cluster brought up by {@link bringUp}. */
export interface UpResult {
  home: ClusterHome;
  endpoints: Endpoints;
  glusterdPid: number | undefined;
  /** The glusterd child when this call started it (undefined when one was already running). */
  child?: ChildProcess;
}

/**
 * Brings a one-machine cluster up from a home: reuses a glusterd already running from it (unless
 * `mustStart`), else starts one; then creates and starts the volume unless it exists and waits
 * until every brick is online. On failure, whatever this call started is stopped again.
 */
export async function bringUp(dir: string, o: ClusterOptions, mustStart: boolean): Promise<UpResult> {
  const home = clusterHome(dir);
  makeHome(home);
  const { mgmt, brickBase } = portsFor(o);
  const wanted: ClusterState = { host: o.host, mgmtPort: mgmt, brickPortBase: brickBase, volume: o.volume };
  const runningPid = await recordedGlusterdPid(home);
  if (await glusterdAlive(home, runningPid)) {
    if (mustStart) {
      throw new Error(`a cluster is already running from ${home.root} (glusterd pid ${runningPid}). Stop it with \`gcluster down --home ${dir}\`, or use it as it is.`);
    }
    const state = loadState(home) ?? wanted;
    const c = await connectExisting(home, state);
    if (!c) throw new Error(`glusterd (pid ${runningPid}) runs but does not answer on ${state.host}:${state.mgmtPort}; see ${home.logs}/glusterd.log, or restart it with \`gcluster down --home ${dir}\` then \`gcluster up\``);
    return { home, glusterdPid: runningPid, endpoints: await setUp(c, home, o, state) };
  }
  const child = spawnGlusterd(home, wanted);
  await saveState(home, wanted);
  try {
    const c = await waitForGlusterd(home, wanted, child);
    return { home, glusterdPid: child.pid, child, endpoints: await setUp(c, home, o, wanted) };
  } catch (e) {
    await stopCluster(home).catch(() => {});
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  }
}

async function setUp(c: MgmtClient, home: ClusterHome, o: ClusterOptions, s: ClusterState): Promise<Endpoints> {
  try {
    const report = await ensureVolume(c, home, o, s);
    return endpointsOf(home.root, s, report);
  } finally {
    await c.close();
  }
}
