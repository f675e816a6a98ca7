import { appendFile, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastJsonLine, mustRun, runCommand } from './command.js';
import type { HealSystem, SeqFile } from './heal-system.js';
import { pollUntil, processReaped } from './process-state.js';

/** Debian's CLI by absolute path: our own `gluster` may come first on PATH under npm. */
const GLUSTER = '/usr/sbin/gluster';

/** Where the real GlusterFS runs: the anchor script, its private root, the volume name. */
export interface GlusterOptions { anchor: string; root: string; volume: string }

/**
 * GlusterFS 10's 2 x 2 volume from the anchor script (`real-gluster.sh up --replica 2`), written
 * through its FUSE mount. The victim is the second brick of the first replica set, SIGKILLed
 * (GlusterFS's glusterd does not restart bricks); `gluster volume start VOL force` restarts it.
 */
export async function glusterSystem(o: GlusterOptions): Promise<HealSystem> {
  const anchor = (...args: string[]) => mustRun('bash', [o.anchor, ...args, '--root', o.root]);
  const heal = (...words: string[]) => runCommand(GLUSTER, ['volume', 'heal', o.volume, ...words]);
  let stopped = false;
  const down = async () => {
    if (stopped) return;
    stopped = true;
    await runCommand('bash', [o.anchor, 'down', '--root', o.root]);
  };
  try {
    const up = lastJsonLine<{ mount: string; bricks: string[] }>(
      await anchor('up', '--bricks', '4', '--replica', '2', '--volume', o.volume));
    const at = (p: string) => join(up.mount, p);
    const [survivor, victim] = [up.bricks[0], up.bricks[1]];
    return {
      name: 'glusterfs_fuse', pair: [survivor, victim], down,
      files: {
        mkdir: async (p) => { await mkdir(at(p), { recursive: true }); },
        writeFile: (p, d) => writeFile(at(p), d),
        appendFile: (p, d) => appendFile(at(p), d),
      },
      async killBrick() {
        const pid = Number((await anchor('brick-pid', victim)).trim());
        if (!pid) throw new Error(`no glusterfsd found for ${victim}`);
        process.kill(pid, 'SIGKILL');
        await pollUntil(`brick pid ${pid} to exit and be reaped`, () => (processReaped(pid) ? true : undefined), 30_000);
      },
      async restartBrick() {
        await mustRun(GLUSTER, ['--mode=script', 'volume', 'start', o.volume, 'force']);
        await pollUntil(`a glusterfsd for ${victim} after \`volume start force\``,
          async () => Number((await anchor('brick-pid', victim)).trim()) || undefined, 10_000);
      },
      async triggerHeal() {
        const r = await heal();
        return { ok: r.code === 0, message: (r.stderr || r.stdout).trim() };
      },
      async healInfo() {
        const r = await heal('info');
        if (r.code !== 0) throw new Error(`gluster volume heal ${o.volume} info failed (${r.code}): ${(r.stderr || r.stdout).trim()}`);
        return r.stdout;
      },
      async openSeq(p): Promise<SeqFile> {
        const fh = await open(at(p), 'w');
        return {
          pwrite: async (d, pos) => { await fh.write(d, 0, d.length, pos); },
          fsync: () => fh.sync(),
          close: () => fh.close(),
        };
      },
      remove: (p) => rm(at(p), { force: true }),
    };
  } catch (e) {
    await down();
    throw e;
  }
}
