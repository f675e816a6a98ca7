import { Command } from 'commander';
import { peerDetachCommand } from './gluster/peer-detach.js';
import { peerProbeCommand } from './gluster/peer-probe.js';
import { peerStatusCommand } from './gluster/peer-status.js';
import { poolListCommand } from './gluster/pool-list.js';
import { volumeCreateCommand } from './gluster/volume-create.js';
import { volumeDeleteCommand } from './gluster/volume-delete.js';
import { volumeGetCommand } from './gluster/volume-get.js';
import { volumeHealCommand } from './gluster/volume-heal.js';
import { volumeInfoCommand } from './gluster/volume-info.js';
import { volumeListCommand } from './gluster/volume-list.js';
import { volumeResetCommand } from './gluster/volume-reset.js';
import { volumeSetCommand } from './gluster/volume-set.js';
import { volumeStartCommand } from './gluster/volume-start.js';
import { volumeStatusCommand } from './gluster/volume-status.js';
import { volumeStopCommand } from './gluster/volume-stop.js';

// Errors (usage and failures) go to stderr with exit code 1, as GlusterFS's CLI does.
const group = (name: string, description: string, subs: Command[]): Command => {
  const cmd = new Command(name).description(description).showHelpAfterError();
  for (const s of subs) cmd.addCommand(s.showHelpAfterError());
  return cmd;
};

const program = new Command('gluster')
  .description('Manage the trusted storage pool and its volumes (talks to glusterd).')
  .option('--remote-host <host[:port]>', 'glusterd to talk to (default $GLUSTER_REMOTE_HOST or 127.0.0.1:24007); from another machine only read-only commands are served')
  .option('--glusterd-sock <path>', 'glusterd\'s local socket (default: the one glusterd names; root on its server may change the pool through it)')
  .option('--mode <mode>', "'script' never asks for confirmation")
  .showHelpAfterError()
  .addCommand(group('volume', 'create, start, stop, delete, configure and inspect volumes', [
    volumeCreateCommand(), volumeStartCommand(), volumeStopCommand(), volumeDeleteCommand(),
    volumeInfoCommand(), volumeStatusCommand(), volumeListCommand(), volumeSetCommand(), volumeGetCommand(),
    volumeResetCommand(), volumeHealCommand(),
  ]))
  .addCommand(group('peer', 'add, inspect and remove servers of the pool', [
    peerProbeCommand(), peerStatusCommand(), peerDetachCommand(),
  ]))
  .addCommand(group('pool', 'list the servers of the pool', [poolListCommand()]));

await program.parseAsync();
