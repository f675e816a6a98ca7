import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DatanodeAddress } from './types.js';

/** Where this cluster's datanodes listen: the same ports on every server, as HDFS configures them. */
export interface DatanodePorts {
  /** DataTransferProtocol port (HDFS 9866). */
  xferPort: number;
  /** HTTP port for WebHDFS data redirects (HDFS 9864); 0 when WebHDFS is off. */
  httpPort: number;
  /** This server's address: the datanode writes go to and the fallback for reads. */
  localHost: string;
}

/**
 * Turns brick hosts into datanode addresses. Every server runs a datanode next to its bricks
 * on the same ports, so a brick's host names its datanode. Host names are resolved once to the
 * IP literal the Go client dials (it ignores hostName unless told otherwise).
 */
export class Datanodes {
  readonly #ports: DatanodePorts;
  readonly #ips = new Map<string, string>();

  constructor(ports: DatanodePorts) {
    this.#ports = { ...ports };
  }

  /** Sets the datanode HTTP port once its server is listening (it may have been picked at random). */
  setHttpPort(port: number): void {
    this.#ports.httpPort = port;
  }

  /** The datanode on this server. */
  local(): DatanodeAddress {
    return this.#address(this.#ports.localHost, this.#ports.localHost);
  }

  /** Datanodes of the given brick hosts, deduplicated, in order; the local one when none resolve. */
  async forHosts(hosts: readonly string[]): Promise<DatanodeAddress[]> {
    const out: DatanodeAddress[] = [];
    for (const host of hosts) {
      const ip = await this.#ip(host);
      if (ip && !out.some((d) => d.ip === ip)) out.push(this.#address(ip, host));
    }
    return out.length > 0 ? out : [this.local()];
  }

  /**
   * One datanode per copy: the datanode of each brick host, in order, repeated when two bricks
   * holding copies share a server (HDFS lists one location per replica, and clients count them);
   * the local one when none resolve.
   */
  async forCopies(hosts: readonly string[]): Promise<DatanodeAddress[]> {
    const out: DatanodeAddress[] = [];
    for (const host of hosts) {
      const ip = await this.#ip(host);
      if (ip) out.push(this.#address(ip, host));
    }
    return out.length > 0 ? out : [this.local()];
  }

  async #ip(host: string): Promise<string | undefined> {
    if (isIP(host)) return host;
    if (host === 'localhost') return this.#ports.localHost;
    const known = this.#ips.get(host);
    if (known) return known;
    try {
      const { address } = await lookup(host, { family: 4 });
      this.#ips.set(host, address);
      return address;
    } catch {
      return undefined;
    }
  }

  #address(ip: string, hostName: string): DatanodeAddress {
    return { ip, hostName, xferPort: this.#ports.xferPort, infoPort: this.#ports.httpPort, uuid: `${ip}:${this.#ports.xferPort}` };
  }
}
