import { Command } from 'commander';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume list [--json]`. */
export function volumeListCommand(): Command {
  return new Command('list')
    .description('list the volumes of the pool')
    .option('--json', 'print a JSON array of names')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let names: string[];
        try {
          names = await c.volumeList();
        } catch (e) {
          fail(`volume list: failed: ${reasonOf(e)}`);
        }
        if (o.json) printJson(names);
        else process.stdout.write(names.length ? names.join('\n') + '\n' : 'No volumes present in cluster\n');
      });
    });
}
