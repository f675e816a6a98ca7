import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { FsError } from '../errors/index.js';
import { globMatch } from './tls.js';

/**
 * Which client addresses a server accepts, as GlusterFS's `auth.allow` / `auth.reject`: each a
 * list of IP addresses, `*` wildcards (`192.168.1.*`) or CIDR ranges (`10.0.0.0/8`). An address
 * matching `reject` is refused; otherwise it must match `allow` (default `*`, everyone).
 */
export class AddressFilter {
  readonly #allow: Matcher;
  readonly #reject: Matcher;

  /** EINVAL for an entry that is none of the accepted forms. */
  constructor(allow: readonly string[] = ['*'], reject: readonly string[] = []) {
    this.#allow = matcher(allow.length ? allow : ['*']);
    this.#reject = matcher(reject);
  }

  /** True when a client from `address` may connect. */
  accepts(address: string): boolean {
    const ip = plainAddress(address);
    return !this.#reject(ip) && this.#allow(ip);
  }
}

type Matcher = (ip: string) => boolean;

function matcher(entries: readonly string[]): Matcher {
  const cidrs = new BlockList();
  const globs: string[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e) continue;
    const slash = e.indexOf('/');
    if (slash > 0) {
      const net = e.slice(0, slash);
      const bits = Number(e.slice(slash + 1));
      const family = isIPv4(net) ? 'ipv4' : isIPv6(net) ? 'ipv6' : null;
      if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 'ipv4' ? 32 : 128)) {
        throw new FsError('EINVAL', `bad address range "${e}": use ADDRESS/BITS, e.g. 10.0.0.0/8`);
      }
      cidrs.addSubnet(net, bits, family);
    } else if (/^[0-9a-fA-F:.*?]+$/.test(e)) {
      globs.push(e);
    } else {
      throw new FsError('EINVAL', `bad address "${e}": use an IP address, a pattern such as 192.168.1.* or a range such as 10.0.0.0/8`);
    }
  }
  return (ip) => globs.some((g) => globMatch(g, ip)) || (isIPv4(ip) ? cidrs.check(ip, 'ipv4') : isIPv6(ip) && cidrs.check(ip, 'ipv6'));
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) as `1.2.3.4`. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}
