import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterHome } from './home.js';

/** What a process of a home's cluster is. */
export type HomeRole = 'glusterd' | 'brick' | 'glustershd' | 'hcfs-shim';

/** A live process found by {@link homeProcesses}. */
export interface HomeProcess {
  pid: number;
  role: HomeRole;
  /** The brick directory (bricks only). */
  path?: string;
}

/**
 * Every live process that belongs to the home's cluster, found by its command line in `/proc`
 * rather than by a pidfile: a pidfile is written only after its process is up (or a moment after
 * it is spawned), so a process caught starting by an interrupt, or started by a glusterd in the
 * instant it was being stopped, has none. Each role is recognised by the argument that ties it
 * to this home and to no other: glusterd by `--workdir <home>/glusterd`, a brick by its volfile
 * under that workdir, the self-heal daemon by glusterd's socket, the HDFS shim by its log file.
 * gcluster itself (`--home`) and other programs that merely mention the home do not match.
 */
export async function homeProcesses(h: ClusterHome): Promise<HomeProcess[]> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const found: HomeProcess[] = [];
  await Promise.all(pids.map(async (p) => {
    const pid = Number(p);
    if (pid === process.pid) return;
    const args = await liveCmdline(pid);
    const role = args && roleOf(h, args);
    if (role) found.push({ pid, ...role });
  }));
  return found.sort((a, b) => a.pid - b.pid);
}

function roleOf(h: ClusterHome, args: readonly string[]): Omit<HomeProcess, 'pid'> | undefined {
  const at = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
  if (at('--workdir') === h.workdir) return { role: 'glusterd' };
  if (at('--brick-path') !== undefined && at('--volfile')?.startsWith(join(h.workdir, 'vols') + '/')) return { role: 'brick', path: at('--brick-path') };
  if (at('--glusterd-sock') === h.socket) return { role: 'glustershd' };
  if (at('--log-file') === join(h.logs, 'hcfs-shim.log')) return { role: 'hcfs-shim' };
  return undefined;
}

/** The command line of a live process; undefined when it is gone or a zombie. */
async function liveCmdline(pid: number): Promise<string[] | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return undefined;
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    return undefined;
  }
}
