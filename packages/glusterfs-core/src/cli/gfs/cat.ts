import { Command } from 'commander';
import { pipeline } from 'node:stream/promises';
import { reportFailure } from './report.js';
import { withVolume } from './session.js';

/** `gfs cat PATH...`: writes files to stdout, streamed with reads in flight ahead. */
export function catCommand(): Command {
  return new Command('cat')
    .description('print files to standard output')
    .argument('<paths...>', 'volume paths')
    .action(async (paths: string[], _o: unknown, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        let ok = true;
        for (const p of paths) {
          try {
            await pipeline(vol.createReadStream(p), process.stdout, { end: false });
          } catch (e) {
            reportFailure('read', p, e);
            ok = false;
          }
        }
        return ok;
      });
    });
}
