import { Command } from 'commander';
import { confirm, fail, reasonOf, withGlusterd } from './session.js';

/** `gluster volume delete NAME` (asks first, unless --mode=script or stdin is not a terminal). */
export function volumeDeleteCommand(): Command {
  return new Command('delete')
    .description('forget a stopped volume on every server; the files stay in the brick directories')
    .argument('<name>', 'volume name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      if (!(await confirm(cmd, 'Deleting volume will erase all information about the volume. Do you want to continue?'))) process.exit(1);
      await withGlusterd(cmd, async (c) => {
        try {
          await c.volumeDelete(name);
          process.stdout.write(`volume delete: ${name}: success\n`);
        } catch (e) {
          fail(`volume delete: ${name}: failed: ${reasonOf(e)}`);
        }
      });
    });
}
