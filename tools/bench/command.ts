import { spawn } from 'node:child_process';

/** What a finished command printed and how it exited. */
export interface CommandResult { code: number; stdout: string; stderr: string }

/**
 * Runs a program to completion without blocking the event loop (the client API keeps serving
 * while a CLI runs). A `.js` program runs with this Node. Never throws for a non-zero exit.
 */
export function runCommand(bin: string, args: string[], timeoutMs = 120_000): Promise<CommandResult> {
  const node = bin.endsWith('.js');
  const child = spawn(node ? process.execPath : bin, node ? [bin, ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL',
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code: code ?? (sig ? 128 : -1), stdout, stderr }));
  });
}

/** Like {@link runCommand}, but throws with the command's output unless it exits 0. */
export async function mustRun(bin: string, args: string[], timeoutMs?: number): Promise<string> {
  const r = await runCommand(bin, args, timeoutMs);
  if (r.code !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.code}): ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** The last line of a command's output parsed as JSON (`gcluster up --json`, `real-gluster.sh up`). */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}
