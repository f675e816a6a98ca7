import { Command } from 'commander';
import { DEFAULT_MGMT_PORT } from '../../mgmt/index.js';
import { fail, parseHostPort, reasonOf, withGlusterd } from './session.js';

/** `gluster peer probe HOST[:PORT]`. */
export function peerProbeCommand(): Command {
  return new Command('probe')
    .description('add the glusterd at HOST[:PORT] to this trusted storage pool')
    .argument('<host>', 'HOST or HOST:PORT of the glusterd to add')
    .action(async (spec: string, _o: unknown, cmd: Command) => {
      const { host, port } = parseHostPort(spec, DEFAULT_MGMT_PORT);
      await withGlusterd(cmd, async (c) => {
        try {
          const r = await c.peerProbe(host, port);
          const note = r.outcome === 'localhost' ? '. Probe on localhost not needed'
            : r.outcome === 'already-peer' ? `. Host ${host} port ${r.peer.port} already in peer list` : '';
          process.stdout.write(`peer probe: success${note}\n`);
        } catch (e) {
          fail(`peer probe: failed: ${reasonOf(e)}`);
        }
      });
    });
}
