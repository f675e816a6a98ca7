import { Command } from 'commander';
import { confirm, fail, reasonOf, withGlusterd } from './session.js';

/** `gluster volume stop NAME [force]` (asks first, unless --mode=script or stdin is not a terminal). */
export function volumeStopCommand(): Command {
  return new Command('stop')
    .description('stop the bricks of a volume on every server; clients lose access until it is started again')
    .argument('<name>', 'volume name')
    .argument('[force]', "the word 'force'")
    .action(async (name: string, force: string | undefined, _o: unknown, cmd: Command) => {
      if (force !== undefined && force !== 'force') fail(`Usage:\nvolume stop <VOLNAME> [force]`);
      if (!(await confirm(cmd, 'Stopping volume will make its data inaccessible. Do you want to continue?'))) process.exit(1);
      await withGlusterd(cmd, async (c) => {
        try {
          await c.volumeStop(name, force === 'force');
          process.stdout.write(`volume stop: ${name}: success\n`);
        } catch (e) {
          fail(`volume stop: ${name}: failed: ${reasonOf(e)}`);
        }
      });
    });
}
