import { Command } from 'commander';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume start NAME [force]`. */
export function volumeStartCommand(): Command {
  return new Command('start')
    .description('start the bricks of a volume on every server (force: also restart offline bricks of a started volume)')
    .argument('<name>', 'volume name')
    .argument('[force]', "the word 'force'")
    .option('--json', 'print the bricks started as JSON')
    .action(async (name: string, force: string | undefined, o: { json?: boolean }, cmd: Command) => {
      if (force !== undefined && force !== 'force') fail(`Usage:\nvolume start <VOLNAME> [force]`);
      await withGlusterd(cmd, async (c) => {
        try {
          const report = await c.volumeStart(name, force === 'force');
          if (o.json) printJson(report);
          else process.stdout.write(`volume start: ${name}: success\n`);
        } catch (e) {
          fail(`volume start: ${name}: failed: ${reasonOf(e)}`);
        }
      });
    });
}
