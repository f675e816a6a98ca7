import type { Volume } from 'glusterfs-core';

/** What an op handler needs from its server: the volume, a logger, and limits. */
export interface OpContext {
  readonly volume: Volume;
  readonly log: (line: string) => void;
  readonly maxPacketSize: number;
  /** "host:port" of the client, for log lines. */
  readonly peer: string;
}
