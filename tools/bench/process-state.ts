import { readFileSync } from 'node:fs';

/**
 * Whether `pid` has exited. A zombie counts as exited: its sockets are closed, and its parent
 * may be frozen (our glusterd under SIGSTOP) and unable to reap it yet.
 */
export function processExited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Whether `pid` is gone from the process table, zombie included. GlusterFS's glusterd takes a
 * brick whose pidfile names a zombie for a running brick and skips it on `volume start force`;
 * daemonized bricks are reaped by PID 1, which on this VM takes a second or two.
 */
export function processReaped(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return false;
  } catch {
    return true;
  }
}

/** Polls `check` every `everyMs` until it returns a value other than undefined; throws after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
