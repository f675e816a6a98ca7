import { Command, Option } from 'commander';
import { normalizePath } from '../../fop/index.js';
import { reportFailure, warn } from './report.js';
import { withVolume } from './session.js';

/** `gfs rm [-r] [-f] PATH...`: removes files, symlinks, and with -r whole trees (many removals in flight). */
export function rmCommand(): Command {
  return new Command('rm')
    .description('remove files or (with -r) directories')
    .argument('<paths...>', 'volume paths')
    .option('-r, --recursive', 'remove directories and their contents')
    .addOption(new Option('-R', 'same as -r').hideHelp())
    .option('-f, --force', 'ignore missing paths')
    .action(async (paths: string[], o: { recursive?: boolean; R?: boolean; force?: boolean }, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        let ok = true;
        for (const p of paths) {
          if (normalizePath(p) === '/') {
            warn("refusing to remove '/' (remove its entries instead)");
            ok = false;
            continue;
          }
          try {
            await vol.rm(p, { recursive: o.recursive || o.R, force: o.force });
          } catch (e) {
            reportFailure('remove', p, e);
            ok = false;
          }
        }
        return ok;
      });
    });
}
