import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOurProcess, readPidFile } from 'glusterfs-core';
import type { ClusterHome } from './home.js';

/** A brick process found through the pidfiles glusterd keeps (`<workdir>/run/*.pid`). */
export interface RecordedBrick {
  pid: number;
  path?: string;
  port?: number;
  pidFile: string;
}

/** Live brick processes recorded under the home, whether or not glusterd still runs. */
export async function recordedBricks(h: ClusterHome): Promise<RecordedBrick[]> {
  const run = join(h.workdir, 'run');
  let names: string[];
  try {
    names = (await readdir(run)).filter((n) => n.endsWith('.pid'));
  } catch {
    return [];
  }
  const found: RecordedBrick[] = [];
  for (const n of names) {
    const pidFile = join(run, n);
    const pid = await readPidFile(pidFile);
    if (pid === undefined || !(await isOurProcess(pid, ['glusterfsd']))) {
      await rm(pidFile, { force: true });
      continue;
    }
    const args = await cmdline(pid);
    const at = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
    found.push({ pid, pidFile, path: at('--brick-path'), port: at('--port') ? Number(at('--port')) : undefined });
  }
  return found;
}

/** The self-heal daemon recorded under the home (`<workdir>/glustershd/glustershd.pid`), if alive. */
export async function recordedShd(h: ClusterHome): Promise<{ pid: number; port?: number } | undefined> {
  const pidFile = join(h.workdir, 'glustershd', 'glustershd.pid');
  const pid = await readPidFile(pidFile);
  if (pid === undefined) return undefined;
  if (!(await isOurProcess(pid, ['glustershd']))) {
    await rm(pidFile, { force: true });
    return undefined;
  }
  return { pid };
}

/** True when the home's glusterd (recorded pid) is alive. */
export async function glusterdAlive(h: ClusterHome, pid: number | undefined): Promise<boolean> {
  return pid !== undefined && isOurProcess(pid, ['glusterd', h.workdir]);
}

async function cmdline(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    return [];
  }
}
