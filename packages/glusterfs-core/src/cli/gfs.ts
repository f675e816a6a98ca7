import { Command } from 'commander';
import { defaultVolumeSpec } from '../api/index.js';
import { catCommand } from './gfs/cat.js';
import { dfCommand } from './gfs/df.js';
import { duCommand } from './gfs/du.js';
import { getCommand } from './gfs/get.js';
import { lsCommand } from './gfs/ls.js';
import { mkdirCommand } from './gfs/mkdir.js';
import { mvCommand } from './gfs/mv.js';
import { putCommand } from './gfs/put.js';
import { rmCommand } from './gfs/rm.js';
import { statCommand } from './gfs/stat.js';

// Failures print `gfs: cannot <verb> '<path>': <text> (<ERRNO>)` to stderr and exit 1.
const program = new Command('gfs')
  .description('Work with the files of a volume (the libgfapi client API on the command line).')
  .option('--volume <HOST[:PORT]/VOLUME>', 'volume to use ($GLUSTER_VOLUME, else the npm start cluster)', defaultVolumeSpec())
  .option('--timeout <ms>', 'how long to wait for glusterd and the bricks', '10000')
  .showHelpAfterError();
for (const cmd of [
  lsCommand(), statCommand(), catCommand(), putCommand(), getCommand(), mkdirCommand(), rmCommand(),
  mvCommand(), duCommand(), dfCommand(),
]) {
  program.addCommand(cmd.showHelpAfterError());
}

await program.parseAsync();
