import { join } from 'node:path';
import { mountVolume, type Volume } from 'glusterfs-core';
import type { FileOps } from './heal-files.js';
import { lastJsonLine, mustRun, runCommand } from './command.js';
import type { HealSystem, SeqFile } from './heal-system.js';
import { pollUntil, processExited } from './process-state.js';

interface Proc { role: string; pid: number | null; path?: string; online?: boolean }

/** Where our cluster runs: repository root (for the CLIs), home, glusterd port, volume name. */
export interface OursOptions { repo: string; home: string; portBase: number; volume: string }

/**
 * Starts our 2 x 2 volume with `gcluster up --replica 2` and mounts it through the client API.
 * On failure, whatever was started is stopped again.
 */
export async function oursSystem(o: OursOptions): Promise<HealSystem> {
  const sys = new OursSystem(o);
  try {
    await sys.start();
    return sys;
  } catch (e) {
    await sys.down();
    throw e;
  }
}

/**
 * Our volume. The victim is the second brick of the first replica set; it goes down as in
 * test/e2e/brick-fault: glusterd frozen (SIGSTOP) so it cannot restart the brick, then the brick
 * SIGKILLed. Resuming glusterd (SIGCONT) is the restart: its brick monitor starts the brick again.
 */
class OursSystem implements HealSystem {
  readonly name = 'ours';
  readonly files: FileOps = {
    mkdir: (p) => this.#mounted().mkdir(p, { recursive: true }),
    writeFile: (p, d) => this.#mounted().writeFile(p, d),
    appendFile: (p, d) => this.#mounted().writeFile(p, d, { append: true }),
  };
  pair: readonly [string, string] = ['', ''];
  readonly #o: OursOptions;
  readonly #gcluster: string;
  readonly #gluster: string;
  #vol: Volume | undefined;
  #frozenGlusterd: number | undefined;
  #killed: number | undefined;

  constructor(o: OursOptions) {
    this.#o = o;
    this.#gcluster = join(o.repo, 'tools/bin/gcluster.js');
    this.#gluster = join(o.repo, 'packages/glusterfs-core/bin/gluster.js');
  }

  async start(): Promise<void> {
    const up = lastJsonLine<{ volumeSpec: string; bricks: { path: string }[] }>(await mustRun(this.#gcluster, [
      'up', '--home', this.#o.home, '--bricks', '4', '--replica', '2', '--port-base', String(this.#o.portBase),
      '--volume', this.#o.volume, '--json',
    ]));
    this.pair = [up.bricks[0].path, up.bricks[1].path];
    this.#vol = await mountVolume(up.volumeSpec);
  }

  async killBrick(): Promise<void> {
    const procs = await this.#status();
    const glusterd = procs.find((p) => p.role === 'glusterd')?.pid;
    const brick = procs.find((p) => p.role === 'brick' && p.path === this.pair[1])?.pid;
    if (!glusterd || !brick) throw new Error(`gcluster status lists no glusterd or no brick ${this.pair[1]}`);
    process.kill(glusterd, 'SIGSTOP');
    this.#frozenGlusterd = glusterd;
    process.kill(brick, 'SIGKILL');
    this.#killed = brick;
    await pollUntil(`brick pid ${brick} to exit`, () => (processExited(brick) ? true : undefined), 10_000);
  }

  async restartBrick(): Promise<void> {
    if (this.#frozenGlusterd === undefined) throw new Error('no brick was taken down');
    process.kill(this.#frozenGlusterd, 'SIGCONT');
    this.#frozenGlusterd = undefined;
    await pollUntil('glusterd to restart the brick', async () => {
      const p = (await this.#status()).find((q) => q.role === 'brick' && q.path === this.pair[1]);
      return p?.pid && p.pid !== this.#killed && p.online !== false ? p : undefined;
    }, 60_000, 20);
  }

  async triggerHeal(): Promise<{ ok: boolean; message: string }> {
    const r = await this.#heal();
    return { ok: r.code === 0, message: (r.stderr || r.stdout).trim() };
  }

  async healInfo(): Promise<string> {
    const r = await this.#heal('info');
    if (r.code !== 0) throw new Error(`gluster volume heal ${this.#o.volume} info failed (${r.code}): ${r.stderr.trim()}`);
    return r.stdout;
  }

  async openSeq(path: string): Promise<SeqFile> {
    const fh = await this.#mounted().open(path, 'w');
    return { pwrite: async (d, pos) => { await fh.pwrite(d, pos); }, fsync: () => fh.fsync(), close: () => fh.close() };
  }

  remove(path: string): Promise<void> {
    return this.#mounted().unlink(path);
  }

  async down(): Promise<void> {
    // A frozen glusterd would never answer `gcluster down`.
    if (this.#frozenGlusterd !== undefined) process.kill(this.#frozenGlusterd, 'SIGCONT');
    this.#frozenGlusterd = undefined;
    await this.#vol?.unmount().catch(() => {});
    this.#vol = undefined;
    await runCommand(this.#gcluster, ['down', '--home', this.#o.home]);
  }

  #mounted(): Volume {
    if (!this.#vol) throw new Error('our volume is not mounted');
    return this.#vol;
  }

  async #status(): Promise<Proc[]> {
    const out = await mustRun(this.#gcluster, ['status', '--home', this.#o.home, '--json']);
    return (JSON.parse(out) as { processes: Proc[] }).processes;
  }

  #heal(...words: string[]) {
    return runCommand(this.#gluster, ['--remote-host', `127.0.0.1:${this.#o.portBase}`, 'volume', 'heal', this.#o.volume, ...words]);
  }
}
