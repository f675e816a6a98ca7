import { Command } from 'commander';
import { reportFailure } from './report.js';
import { withVolume } from './session.js';

/** `gfs mkdir [-p] [-m MODE] PATH...`. */
export function mkdirCommand(): Command {
  return new Command('mkdir')
    .description('create directories')
    .argument('<paths...>', 'volume paths')
    .option('-p, --parents', 'create missing parents; an existing directory is fine')
    .option('-m, --mode <octal>', 'permission bits', '755')
    .action(async (paths: string[], o: { parents?: boolean; mode: string }, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        const mode = parseInt(o.mode, 8);
        let ok = true;
        for (const p of paths) {
          try {
            await vol.mkdir(p, { recursive: o.parents, mode });
          } catch (e) {
            reportFailure('create directory', p, e);
            ok = false;
          }
        }
        return ok;
      });
    });
}
