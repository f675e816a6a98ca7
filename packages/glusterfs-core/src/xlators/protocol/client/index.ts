import { FsError } from '../../../errors/index.js';
import type { Xlator, XlatorDef } from '../../../fop/index.js';
import { loadTlsDir } from '../../../rpc/index.js';
import { defineOptions } from '../../../volume/options.js';
import { clientFops } from './fops.js';
import { BrickLink } from './link.js';
import { ShortCircuit } from './short-circuit.js';

const options = defineOptions({
  'remote-host': { type: 'string', doc: 'Host of the brick (and of the glusterd that maps its port). Required.' },
  'remote-port': { type: 'int', default: 24007, min: 1, max: 65535, doc: 'glusterd management port on remote-host, asked for the brick port.' },
  'remote-subvolume': { type: 'string', doc: 'The brick path on remote-host (the port map key).' },
  'brick-port': { type: 'int', min: 1, max: 65535, doc: 'Connect straight to this brick port, skipping the port map.' },
  'call-timeout': { type: 'int', default: 60, min: 1, doc: 'Seconds before an unanswered fop fails with ETIMEDOUT.' },
  'ping-timeout': {
    type: 'int', default: 42, min: 0,
    doc: 'Seconds the brick may stay silent while pinged before the connection is dropped (calls fail ENOTCONN, reconnecting starts); 0 = never.',
  },
  'short-circuit-read': { type: 'bool', default: true, doc: 'Serve large reads from the brick\'s handle file when the brick is on this host.' },
  'short-circuit-min-read': { type: 'int', default: 131072, min: 1, doc: 'Smallest read (bytes) served by short-circuit; smaller ones use the RPC.' },
  username: { type: 'string', doc: 'The brick user to authenticate as (auth.login; glusterd fills it in for authorised clients).' },
  password: { type: 'string', doc: 'That user\'s password; it never crosses the wire (both sides prove it by HMAC).' },
  ssl: { type: 'bool', default: false, doc: 'Talk to the brick over TLS (client.ssl).' },
  'mgmt-ssl': { type: 'bool', default: false, doc: 'Talk to glusterd\'s port over TLS (its secure-access is on).' },
  'ssl-dir': { type: 'string', doc: 'Directory of this client\'s glusterfs.pem, glusterfs.key and glusterfs.ca (the mount fills it in).' },
});

/**
 * `protocol/client`: the leaf of a client graph, one per brick. Sends every fop over the fop RPC,
 * reconnects (via the port map) when the brick goes away, reopens fds on the new connection,
 * and reports child-up/child-down to its parents. See README.md.
 */
export const xlator: XlatorDef<typeof options> = {
  type: 'protocol/client',
  options,
  doc: 'Talks to one brick over the fop RPC; reconnects and reopens fds after a brick restart.',
  create({ name, options: o, log, emit }): Xlator {
    if (!o.remoteHost) throw new FsError('EINVAL', `${name}: option "remote-host" is required`);
    if (!o.remoteSubvolume && o.brickPort === undefined) {
      throw new FsError('EINVAL', `${name}: set "remote-subvolume" (port map) or "brick-port"`);
    }
    if ((o.ssl || o.mgmtSsl) && !o.sslDir) throw new FsError('EINVAL', `${name}: TLS needs "ssl-dir" (where glusterfs.pem, .key and .ca are)`);
    const tls = o.ssl || o.mgmtSsl ? loadTlsDir(o.sslDir!) : undefined;
    const link = new BrickLink({
      host: o.remoteHost, mgmtPort: o.remotePort, brickPath: o.remoteSubvolume ?? '', brickPort: o.brickPort,
      callTimeoutMs: o.callTimeout * 1000, pingTimeoutMs: o.pingTimeout * 1000, log,
      credentials: o.username ? { user: o.username, secret: Buffer.from(o.password ?? '', 'utf8') } : undefined,
      brickTls: o.ssl ? tls : undefined, mgmtTls: o.mgmtSsl ? tls : undefined,
      onChange: (up) => emit({ kind: up ? 'child-up' : 'child-down', child: name }),
    });
    const local = o.shortCircuitRead
      ? ShortCircuit.detect(name, o.remoteHost, o.remoteSubvolume ?? '', o.shortCircuitMinRead, log)
      : undefined;
    return {
      fops: clientFops(name, link, local),
      get up() {
        return link.live !== null;
      },
      get downReason() {
        return link.live === null ? link.lastFailure || undefined : undefined;
      },
      call: async (program, proc, args, opts) => link.need().rpc.call(program, proc, args, opts),
      close: () => link.close(),
    };
  },
};
