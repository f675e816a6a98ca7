import { Command } from 'commander';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume reset VOL [KEY|all]`: back to the default of one option, or of all. */
export function volumeResetCommand(): Command {
  return new Command('reset')
    .description('reset one volume option (or all reconfigured options) to the default on every server')
    .argument('<name>', 'volume name')
    .argument('[key]', "option key, or 'all' (the default)")
    .option('--json', 'print the updated volume record as JSON')
    .action(async (name: string, key: string | undefined, o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        try {
          const vol = await c.volumeReset(name, key);
          if (o.json) printJson(vol);
          else process.stdout.write('volume reset: success: reset volume successful\n');
        } catch (e) {
          fail(`volume reset: failed: ${reasonOf(e)}`);
        }
      });
    });
}
