import { FsError } from '../errors/index.js';

/** Where a volume lives: the glusterd that serves its volfile, and the volume's name. */
export interface VolumeSpec {
  host: string;
  /** glusterd's management port (24007 by default). */
  port: number;
  volume: string;
}

/** glusterd's standard management port. */
export const GLUSTERD_PORT = 24007;

/**
 * Parses `host[:port]/volname` (IPv6 hosts in brackets: `[::1]:24007/gv0`). A missing port is
 * {@link GLUSTERD_PORT}. Anything else is EINVAL.
 */
export function parseVolumeSpec(text: string): VolumeSpec {
  const m = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/([A-Za-z0-9_.-]+)\/?$/.exec(text.trim());
  if (!m) throw new FsError('EINVAL', `bad volume "${text}": expected HOST[:PORT]/VOLUME`);
  const port = m[2] === undefined ? GLUSTERD_PORT : Number(m[2]);
  if (port < 1 || port > 65535) throw new FsError('EINVAL', `bad volume "${text}": port out of range`);
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port, volume: m[3] };
}

/** The spec as `host:port/volume` text. */
export function formatVolumeSpec(spec: VolumeSpec): string {
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return `${host}:${spec.port}/${spec.volume}`;
}

/**
 * The volume client commands use when none is given: `$GLUSTER_VOLUME`, else the embedded
 * default that `npm start` runs (`127.0.0.1:24007/gv0`).
 */
export function defaultVolumeSpec(env: NodeJS.ProcessEnv = process.env): string {
  return env.GLUSTER_VOLUME?.trim() || `127.0.0.1:${GLUSTERD_PORT}/gv0`;
}
