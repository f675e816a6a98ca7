import { Command } from 'commander';
import { confirm, fail, reasonOf, withGlusterd } from './session.js';

const QUESTION = 'All clients mounted through the peer which is getting detached need to be remounted using one of the other active peers in the trusted storage pool to ensure client gets notification on any changes done on the gluster configuration and if the same has been done do you want to proceed?';

/** `gluster peer detach HOST [force]`. */
export function peerDetachCommand(): Command {
  return new Command('detach')
    .description('remove a peer that hosts no bricks from the pool')
    .argument('<host>', 'the peer\'s host')
    .argument('[force]', "the word 'force'")
    .action(async (host: string, force: string | undefined, _o: unknown, cmd: Command) => {
      if (force !== undefined && force !== 'force') fail('Usage:\npeer detach <HOSTNAME> [force]');
      const bare = host.replace(/:\d+$/, '');
      if (!(await confirm(cmd, QUESTION))) process.exit(1);
      await withGlusterd(cmd, async (c) => {
        try {
          await c.peerDetach(bare, force === 'force');
          process.stdout.write('peer detach: success\n');
        } catch (e) {
          fail(`peer detach: failed: ${reasonOf(e)}`);
        }
      });
    });
}
