import type { HadoopSystem } from './hadoop-systems.js';
import { cpuSeconds } from './process-cpu.js';
import { median, round } from './timed-lines.js';

type Table = Map<string, Map<string, number[]>>;

function push(t: Table, system: string, key: string, x: number): void {
  let bySystem = t.get(system);
  if (!bySystem) t.set(system, bySystem = new Map());
  let xs = bySystem.get(key);
  if (!xs) bySystem.set(key, xs = []);
  xs.push(x);
}

const medians = (t: Table, system: string) =>
  Object.fromEntries([...(t.get(system) ?? [])].map(([k, xs]) => [k, round(median(xs))]));

/**
 * What each figure took per system over the rounds: wall seconds (what the user waited for) and
 * the servers' CPU seconds meanwhile; medians and ratios of them.
 */
export class Samples {
  readonly #wall: Table = new Map();
  readonly #cpu: Table = new Map();
  readonly #log: (m: string) => void;

  constructor(log: (m: string) => void) {
    this.#log = log;
  }

  /**
   * Runs one measurement on `sys`: `run` returns the seconds to record as `key` (its own
   * timing); the server processes' CPU seconds over the same call are recorded beside it.
   * `bytes`, when given, adds MB/s to the progress line.
   */
  async measure(sys: HadoopSystem, key: string, run: () => Promise<number>, bytes?: number): Promise<number> {
    const cpu0 = cpuSeconds(sys.serverPids);
    const sec = await run();
    const cpu = cpuSeconds(sys.serverPids) - cpu0;
    push(this.#wall, sys.name, key, sec);
    push(this.#cpu, sys.name, key, cpu);
    this.#log(`  ${sys.name} ${key}: ${sec.toFixed(2)} s${bytes ? ` (${Math.round(bytes / 1e6 / sec)} MB/s)` : ''}, servers' CPU ${cpu.toFixed(2)} s`);
    return sec;
  }

  /** Records seconds measured elsewhere (a sum of figures), without CPU. */
  add(system: string, key: string, seconds: number): void {
    push(this.#wall, system, key, seconds);
    this.#log(`  ${system} ${key}: ${seconds.toFixed(2)} s`);
  }

  /** The median wall seconds of `key` on `system`, or undefined when it was never measured. */
  median(system: string, key: string): number | undefined {
    const xs = this.#wall.get(system)?.get(key);
    return xs?.length ? median(xs) : undefined;
  }

  /** Every figure measured on `system`: its median wall seconds, to the millisecond. */
  medians(system: string): Record<string, number> {
    return medians(this.#wall, system);
  }

  /** Every figure measured on `system`: the servers' median CPU seconds, to the millisecond. */
  cpuMedians(system: string): Record<string, number> {
    return medians(this.#cpu, system);
  }

  /** Every figure measured on `system`: all its rounds' wall seconds, to the millisecond. */
  rounds(system: string): Record<string, number[]> {
    return Object.fromEntries([...(this.#wall.get(system) ?? [])].map(([k, xs]) => [k, xs.map((x) => round(x))]));
  }

  /** `base` time over `ours` time for every figure both have (>1: ours is faster), two decimals. */
  ratios(ours: string, base: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of this.#wall.get(ours)?.keys() ?? []) {
      const o = this.median(ours, key), b = this.median(base, key);
      if (o && b) out[key] = round(b / o, 2);
    }
    return out;
  }
}
