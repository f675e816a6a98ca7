import { spawn } from 'node:child_process';

/** One timed run of a command (or of several at once): wall time and lines printed on stdout. */
export interface Timed {
  seconds: number;
  lines: number;
  /** The first non-zero exit code, else 0. */
  code: number;
  /** What the command(s) said on stderr (the end of it). */
  stderr: string;
}

/** A program and its arguments; a `.js` program runs with this Node. */
export interface Cmd { bin: string; args: string[] }

/**
 * Runs the commands at once and times from the first spawn to the last exit, counting the lines
 * they print (their output goes nowhere else, as to /dev/null). A command runs as find would from
 * a shell: its own process, its start-up included in the time.
 */
export async function timeLines(cmds: readonly Cmd[], timeoutMs = 600_000): Promise<Timed> {
  const t0 = performance.now();
  const runs = cmds.map(({ bin, args }) => new Promise<{ lines: number; code: number; stderr: string }>((resolve, reject) => {
    const node = bin.endsWith('.js');
    const child = spawn(node ? process.execPath : bin, node ? [bin, ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL',
    });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ lines, code: code ?? (sig ? 128 : -1), stderr }));
  }));
  const done = await Promise.all(runs);
  return {
    seconds: (performance.now() - t0) / 1000,
    lines: done.reduce((n, r) => n + r.lines, 0),
    code: done.find((r) => r.code !== 0)?.code ?? 0,
    stderr: done.map((r) => r.stderr.trim()).filter(Boolean).join(' | '),
  };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A figure as the JSON line shows it: seconds to the millisecond, ratios to two decimals. */
export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * `warmups` untimed runs, then `runs` timed ones: the median time, the line count of the last run
 * and all the times. Throws with the command's complaint when a run exits non-zero (find's
 * exit 1 for an unreadable entry is a failed measurement too).
 */
export async function medianRun(cmds: readonly Cmd[], runs: number, warmups = 1): Promise<Timed & { all: number[] }> {
  for (let i = 0; i < warmups; i++) check(cmds, await timeLines(cmds));
  const all: Timed[] = [];
  for (let i = 0; i < runs; i++) all.push(check(cmds, await timeLines(cmds)));
  const last = all.at(-1)!;
  return { ...last, seconds: median(all.map((t) => t.seconds)), all: all.map((t) => round(t.seconds)) };
}

function check(cmds: readonly Cmd[], t: Timed): Timed {
  if (t.code !== 0) throw new Error(`${cmds.map((c) => [c.bin, ...c.args].join(' ')).join(' & ')} exited ${t.code}: ${t.stderr}`);
  return t;
}
