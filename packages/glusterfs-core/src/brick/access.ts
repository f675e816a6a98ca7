import { FsError } from '../errors/index.js';
import { AddressFilter, certNameAllowed, loadTlsDir, type RpcServerOptions } from '../rpc/index.js';
import { parseOptions, type Volfile } from '../volume/index.js';
import { options as serverOptions } from '../xlators/protocol/server/options.js';
import { TRUST_EVERYONE, type WireIdentityPolicy } from './wire.js';

/** The brick users glusterd creates for a volume (GlusterFS's `auth.login` users). */
export const BRICK_USERS = { trusted: 'trusted', client: 'client' } as const;

/** Who may connect to a brick and as whom their calls run. */
export interface BrickAccess {
  /** Handshake, admission, address and TLS settings of the brick's RPC server. */
  readonly rpc: Pick<RpcServerOptions, 'secretOf' | 'admit' | 'acceptAddress' | 'tls'>;
  /** Root squashing and privilege of each connection's calls. */
  readonly identity: WireIdentityPolicy;
}

/** A brick without a protocol/server node (hand-written test volfiles): anyone, fully trusted. */
export const OPEN_ACCESS: BrickAccess = { rpc: {}, identity: TRUST_EVERYONE };

/**
 * The access policy of a brick volfile's `protocol/server` top node (see its README): clients
 * must authenticate as `trusted` or `client` with the passwords it names, from an address its
 * lists allow, over TLS with an allowed certificate when `ssl` is on; `client` connections are
 * root-squashed when asked. A volfile whose top is not protocol/server is {@link OPEN_ACCESS}.
 * EINVAL for bad options, ENOENT when the TLS files cannot be read.
 */
export function brickAccessOf(vf: Volfile): BrickAccess {
  const top = vf.nodes.find((n) => n.name === vf.top);
  if (!top || top.type !== 'protocol/server') return OPEN_ACCESS;
  const o = parseOptions(`${top.name} (protocol/server)`, serverOptions, top.options);
  const secrets = new Map<string, Buffer>();
  if (o.trustedPassword) secrets.set(BRICK_USERS.trusted, Buffer.from(o.trustedPassword, 'utf8'));
  if (o.clientPassword) secrets.set(BRICK_USERS.client, Buffer.from(o.clientPassword, 'utf8'));
  if (o.ssl && !o.sslDir) throw new FsError('EINVAL', `${top.name}: option "ssl" needs "ssl-dir"`);
  const addresses = new AddressFilter(o.authAllow, o.authReject);
  const sslAllow = o.sslAllow;
  return {
    rpc: {
      secretOf: (user) => secrets.get(user),
      acceptAddress: (address) => addresses.accepts(address),
      tls: o.ssl ? loadTlsDir(o.sslDir!) : undefined,
      admit: (auth) => {
        if (auth.user === undefined) {
          return `brick ${vf.volume} needs the volume's credentials (auth.login): mount the volume through glusterd, which hands them to authorised clients`;
        }
        if (o.ssl && !certNameAllowed(auth.certName, sslAllow)) {
          return `certificate "${auth.certName ?? ''}" is not allowed on volume ${vf.volume} (auth.ssl-allow)`;
        }
        return undefined;
      },
    },
    identity: {
      isTrusted: (auth) => auth.user === BRICK_USERS.trusted,
      squashTo: o.rootSquash ? { uid: o.anonuid, gid: o.anongid } : undefined,
    },
  };
}
