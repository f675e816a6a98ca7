import { Command } from 'commander';
import type { PeerRecord, PeerState } from '../../mgmt/index.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

/** `gluster pool list [--json]`: every member, this one shown as `localhost`. */
export function poolListCommand(): Command {
  return new Command('list')
    .description('list every member of the trusted storage pool, this one included')
    .option('--json', 'print the members as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c) => {
        let pool: { self: PeerRecord; peers: PeerState[] };
        try {
          pool = await c.poolList();
        } catch (e) {
          fail(`pool list: failed: ${reasonOf(e)}`);
        }
        if (o.json) {
          printJson([...pool.peers, { ...pool.self, connected: true, self: true }]);
          return;
        }
        const rows = [
          ...pool.peers.map((p) => `${p.uuid}\t${p.host}\t${p.connected ? 'Connected' : 'Disconnected'} `),
          `${pool.self.uuid}\tlocalhost\tConnected `,
        ];
        process.stdout.write(`UUID\t\t\t\t\tHostname \tState\n${rows.join('\n')}\n`);
      });
    });
}
