import { Command } from 'commander';
import { fail, reasonOf, withGlusterd } from './session.js';

/** `gtrigger remove NAME`: forgets a trigger on every server (root on a server of the pool only). */
export function removeCommand(): Command {
  return new Command('remove')
    .description('remove a trigger (events not yet delivered are dropped; its log stays on the bricks)')
    .argument('<name>', 'trigger name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withGlusterd(cmd, async (c, volume) => {
        try {
          await c.triggerRemove(volume, name);
          process.stdout.write(`trigger remove: success (${name} on volume ${volume})\n`);
        } catch (e) {
          fail(`trigger remove: failed: ${reasonOf(e)}`);
        }
      });
    });
}
