import { Command } from 'commander';
import type { VolumeRecord } from '../../mgmt/index.js';
import { formatVolumeInfo } from './format-volume.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume info [NAME|all] [--json]`. */
export function volumeInfoCommand(): Command {
  return new Command('info')
    .description('show the configuration of one volume or of all volumes')
    .argument('[name]', "volume name, or 'all'")
    .option('--json', 'print the volume records as JSON')
    .action(async (name: string | undefined, o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let vols: VolumeRecord[];
        try {
          vols = await c.volumeInfo(name === 'all' ? undefined : name);
        } catch (e) {
          fail(reasonOf(e));
        }
        if (o.json) printJson(vols);
        else if (vols.length === 0) process.stdout.write('No volumes present\n');
        else process.stdout.write(vols.map(formatVolumeInfo).join(''));
      });
    });
}
