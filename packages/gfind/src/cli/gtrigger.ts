import { Command } from 'commander';
import { defaultVolumeSpec } from 'glusterfs-core';
import { addCommand } from './gtrigger/add.js';
import { listCommand } from './gtrigger/list.js';
import { logCommand } from './gtrigger/log.js';
import { removeCommand } from './gtrigger/remove.js';

// Failures print `gtrigger: <what>` to stderr and exit 1.
const program = new Command('gtrigger')
  .description('Run a command or call a webhook when files of a volume are written, created, deleted or renamed; it runs on the server whose brick saw the change.')
  .option('--volume <HOST[:PORT]/VOLUME>', 'volume to use ($GLUSTER_VOLUME, else the npm start cluster)', defaultVolumeSpec())
  .option('--glusterd-sock <path>', "glusterd's local socket (default: the one glusterd names); defining triggers needs it")
  .showHelpAfterError();
for (const cmd of [addCommand(), listCommand(), removeCommand(), logCommand()]) program.addCommand(cmd.showHelpAfterError());

await program.parseAsync();
