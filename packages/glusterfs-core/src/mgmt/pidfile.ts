import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Records a pid. */
export async function writePidFile(file: string, pid: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${pid}\n`);
}

/** Reads a recorded pid, or undefined. */
export async function readPidFile(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a pidfile (no error when it is gone). */
export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * True when `pid` is alive and its command line contains every one of `needles` — the check
 * that a recorded pid still is the process we started and not a reused number. A zombie counts
 * as dead.
 */
export async function isOurProcess(pid: number, needles: readonly string[]): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return needles.every((n) => cmdline.some((arg) => arg.includes(n)));
  } catch {
    return false;
  }
}

/**
 * Stops a process that is not our child (left over from an earlier run): SIGTERM, poll until it
 * is gone, SIGKILL after `graceMs`. Returns whether it had to be stopped at all.
 */
export async function stopForeignProcess(pid: number, needles: readonly string[], graceMs = 5000): Promise<boolean> {
  if (!(await isOurProcess(pid, needles))) return false;
  const kill = (sig: NodeJS.Signals) => { try { process.kill(pid, sig); } catch { /* gone */ } };
  kill('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (await isOurProcess(pid, needles)) {
    if (Date.now() > deadline) kill('SIGKILL');
    await sleep(50);
  }
  return true;
}
