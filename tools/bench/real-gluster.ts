import { lastJsonLine, mustRun, runCommand } from './command.js';

/** A GlusterFS 10 volume the anchor script brought up: its FUSE mount and brick directories. */
export interface RealVolume { volume: string; mount: string; bricks: string[] }

/**
 * The real GlusterFS (Debian's 10.x) through `real-gluster.sh` under a private root: `up` creates,
 * starts and FUSE-mounts one volume (call it once per volume; they share one glusterd on
 * 127.0.0.1:24007), `down` unmounts and stops everything the script started under the root.
 */
export function realGluster(anchor: string, root: string) {
  return {
    async up(volume: string, bricks: number, replica: number): Promise<RealVolume> {
      const out = await mustRun('bash', [anchor, 'up', '--root', root, '--bricks', String(bricks), '--replica', String(replica), '--volume', volume], 300_000);
      return lastJsonLine<RealVolume>(out);
    },
    async down(): Promise<void> {
      await runCommand('bash', [anchor, 'down', '--root', root], 300_000);
    },
  };
}
