import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticks: number | undefined;
/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux). */
function clockTicks(): number {
  ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks;
}

/**
 * CPU seconds (user + system) the processes have used so far, from /proc/PID/stat; a process
 * that is gone counts 0. On a shared machine this is steadier than wall time: it is what the
 * servers did for the client, not how long they waited for a core.
 */
export function cpuSeconds(pids: readonly number[]): number {
  let t = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      t += Number(f[11]) + Number(f[12]); // utime, stime: fields 14 and 15 of stat(5)
    } catch {
      // exited
    }
  }
  return t / clockTicks();
}
