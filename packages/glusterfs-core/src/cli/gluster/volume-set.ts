import { Command } from 'commander';
import { VOLUME_OPTIONS } from '../../mgmt/index.js';
import { formatOptionHelp } from './format-options.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

const USAGE = 'Usage:\nvolume set <VOLNAME> <KEY> <VALUE>\nvolume set help';

/** `gluster volume set VOL KEY VALUE`, and `gluster volume set help` (answered locally). */
export function volumeSetCommand(): Command {
  return new Command('set')
    .description("set a volume option on every server ('volume set help' lists them)")
    .argument('<name>', "volume name, or 'help'")
    .argument('[key]', 'option key, e.g. cluster.lookup-optimize')
    .argument('[value]', 'new value')
    .option('--json', 'print the updated volume record as JSON')
    .action(async (name: string, key: string | undefined, value: string | undefined, o: { json?: boolean }, cmd: Command) => {
      if (name === 'help' && key === undefined) {
        process.stdout.write(formatOptionHelp(VOLUME_OPTIONS.values()));
        return;
      }
      if (key === undefined || value === undefined) fail(USAGE);
      await withGlusterd(cmd, async (c) => {
        try {
          const vol = await c.volumeSet(name, key, value);
          if (o.json) printJson(vol);
          else process.stdout.write('volume set: success\n');
        } catch (e) {
          fail(`volume set: failed: ${reasonOf(e)}`);
        }
      });
    });
}
