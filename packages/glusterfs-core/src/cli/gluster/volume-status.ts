import { Command } from 'commander';
import type { VolumeStatusReport } from '../../mgmt/index.js';
import { formatVolumeStatus } from './format-volume.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster volume status [NAME|all] [--json]`: every brick's host, path, port, pid and online state. */
export function volumeStatusCommand(): Command {
  return new Command('status')
    .description('show the brick processes of started volumes: port, online, pid (asks every server)')
    .argument('[name]', "volume name, or 'all'")
    .option('--json', 'print the status reports as JSON')
    .action(async (name: string | undefined, o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let reports: VolumeStatusReport[];
        try {
          reports = await c.volumeStatus(name === 'all' ? undefined : name);
        } catch (e) {
          fail(reasonOf(e));
        }
        if (o.json) printJson(reports);
        else if (reports.length === 0) process.stdout.write('No volumes present\n');
        else process.stdout.write(reports.map(formatVolumeStatus).join('\n'));
      });
    });
}
