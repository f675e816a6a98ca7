import { Command } from 'commander';
import type { OptionValue } from '../../mgmt/index.js';
import { formatOptionTable } from './format-options.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume get VOL KEY|all [--json]`: option values, defaults for unset ones. */
export function volumeGetCommand(): Command {
  return new Command('get')
    .description("show one volume option, or 'all' of them (unset ones show their default)")
    .argument('<name>', 'volume name')
    .argument('<key>', "option key, or 'all'")
    .option('--json', 'print [{option, value}] as JSON')
    .action(async (name: string, key: string, o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let rows: OptionValue[];
        try {
          rows = await c.volumeGet(name, key);
        } catch (e) {
          fail(`volume get: failed: ${reasonOf(e)}`);
        }
        if (o.json) printJson(rows);
        else process.stdout.write(formatOptionTable(rows));
      });
    });
}
