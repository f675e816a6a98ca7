import { Command } from 'commander';
import type { PeerState } from '../../mgmt/index.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster peer status [--json]`. */
export function peerStatusCommand(): Command {
  return new Command('status')
    .description('show the other members of the pool and whether they are connected')
    .option('--json', 'print the peers as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let peers: PeerState[];
        try {
          peers = await c.peerStatus();
        } catch (e) {
          fail(`peer status: failed: ${reasonOf(e)}`);
        }
        if (o.json) {
          printJson(peers);
          return;
        }
        const blocks = peers.map((p) => [
          '', `Hostname: ${p.host}`, `Uuid: ${p.uuid}`,
          `State: Peer in Cluster (${p.connected ? 'Connected' : 'Disconnected'})`,
        ].join('\n'));
        process.stdout.write(`Number of Peers: ${peers.length}\n${blocks.join('\n')}${blocks.length ? '\n' : ''}`);
      });
    });
}
