import { FsError } from '../errors/index.js';
import { certNameAllowed, type ConnAuth } from '../rpc/index.js';
import type { RpcHandler } from '../rpc/types.js';
import { argString } from './args.js';
import { mgmtPortOf, type MgmtContext } from './context.js';
import { POOL_USER } from './secrets.js';
import type { VolumeRecord } from './types.js';
import { clientVolfile, type ClientAccess } from './volgen.js';
import { sslAllowOf } from './volume-options.js';
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
 * The `getspec` program: `get [volumeName]` → the client volfile JSON text, with the volume's
 * credentials in it, so only for authorised callers: root on this server (local socket) and
 * glusterds of the pool get the trusted user's and the service key; with secure-access, a
 * client whose certificate common name the volume's `auth.ssl-allow` lists gets the ordinary
 * user's. Anyone else gets EACCES saying how to mount. ENOENT for an unknown volume, EAGAIN
 * while it is not started.
 */
export function getspecProcs(ctx: MgmtContext): Record<string, RpcHandler> {
  return {
    async get(args, call) {
      const name = argString(args, 0, 'getspec.get');
      const vol = requireVolume(ctx, name);
      if (vol.status !== 'Started') {
        throw new FsError('EAGAIN', `volume ${name} is not started; start it with \`gluster volume start ${name}\``);
      }
      const access = clientAccess(ctx, vol, call.auth);
      if (!access) {
        ctx.log.warn('refused a volfile to an unauthorised client', { volume: name, peer: call.peer, cert: call.auth.certName });
        throw new FsError('EACCES', noVolfile(ctx, vol, call.auth));
      }
      return JSON.stringify(clientVolfile(vol, (host) => mgmtPortOf(ctx, host), access));
    },
  };
}

/** What the caller's volfile carries, or undefined when it may not have one. */
function clientAccess(ctx: MgmtContext, vol: VolumeRecord, auth: ConnAuth): ClientAccess | undefined {
  const mgmtSsl = !!ctx.tls;
  const { secrets } = ctx;
  if (auth.local || auth.user === POOL_USER) {
    return { login: { username: 'trusted', password: secrets.brickPassword(vol.id, 'trusted') }, serviceKey: secrets.serviceKey(vol.id), mgmtSsl };
  }
  if (ctx.tls && certNameAllowed(auth.certName, sslAllowOf(vol.options))) {
    return { login: { username: 'client', password: secrets.brickPassword(vol.id, 'client') }, mgmtSsl };
  }
  return undefined;
}

function noVolfile(ctx: MgmtContext, vol: VolumeRecord, auth: ConnAuth): string {
  const tlsWay = ctx.tls
    ? auth.certName
      ? ` Certificate "${auth.certName}" is not in auth.ssl-allow of ${vol.name} (\`gluster volume set ${vol.name} auth.ssl-allow NAME,...\`).`
      : ''
    : ' Clients elsewhere mount with a certificate once management TLS is on (secure-access).';
  return `the volfile of ${vol.name} carries its credentials, which glusterd gives only to root on a server of the pool `
    + `(through its local socket).${tlsWay}`;
}
