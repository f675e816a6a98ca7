import { Command } from 'commander';
import { baseName, joinPath, normalizePath } from '../../fop/index.js';
import { reportFailure, warn } from './report.js';
import { withVolume } from './session.js';
import { isDirTarget } from './transfer.js';

/** `gfs mv SRC... DST`: renames; into DST when it is a directory (required for several sources). */
export function mvCommand(): Command {
  return new Command('mv')
    .description('move (rename) files and directories')
    .argument('<paths...>', 'SRC... DST')
    .action(async (paths: string[], _o: unknown, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        if (paths.length < 2) {
          warn(`missing destination after '${paths[0]}'`);
          return false;
        }
        const dst = normalizePath(paths[paths.length - 1]);
        const sources = paths.slice(0, -1);
        const intoDir = await isDirTarget(() => vol.stat(dst));
        if (sources.length > 1 && !intoDir) {
          warn(`target '${dst}' is not a directory`);
          return false;
        }
        let ok = true;
        for (const src of sources) {
          const to = intoDir ? joinPath(dst, baseName(normalizePath(src))) : dst;
          try {
            await vol.rename(src, to);
          } catch (e) {
            reportFailure(`move '${src}' to`, to, e);
            ok = false;
          }
        }
        return ok;
      });
    });
}
