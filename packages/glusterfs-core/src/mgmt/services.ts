import { FsError } from '../errors/index.js';
import type { RpcHandler } from '../rpc/types.js';
import { argString } from './args.js';
import { mgmtPortOf, type MgmtContext } from './context.js';
import { clientVolfile } from './volgen.js';
import { requireVolume } from './volume-ops.js';

/**
 * The `pmap` program: `portByBrick [brickPath]` → the port of the brick exporting that path on
 * this host, ENOENT when it is not running (protocol/client then retries with backoff).
 */
export function pmapProcs(ctx: MgmtContext): Record<string, RpcHandler> {
  return {
    async portByBrick(args) {
      const path = argString(args, 0, 'portByBrick');
      const port = ctx.monitor.portOf(path);
      if (port === undefined) throw new FsError('ENOENT', `no brick serving ${path} runs on ${ctx.store.self.host}`);
      return port;
    },
  };
}

/**
 * The `getspec` program: `get [volumeName]` → the client volfile JSON text. ENOENT for an
 * unknown volume, EAGAIN while it is not started.
 */
export function getspecProcs(ctx: MgmtContext): Record<string, RpcHandler> {
  return {
    async get(args) {
      const name = argString(args, 0, 'getspec.get');
      const vol = requireVolume(ctx, name);
      if (vol.status !== 'Started') {
        throw new FsError('EAGAIN', `volume ${name} is not started; start it with \`gluster volume start ${name}\``);
      }
      return JSON.stringify(clientVolfile(vol, (host) => mgmtPortOf(ctx, host)));
    },
  };
}
