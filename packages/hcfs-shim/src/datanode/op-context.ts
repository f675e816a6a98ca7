import type { Volume } from 'glusterfs-core';
import type { BlockTokenSecretManager, OpenBlocks } from '../blocks/index.js';
import type { Redact } from '../redact.js';

/** What an op handler needs from its server: the volume, the token checker, a logger, and limits. */
export interface OpContext {
  readonly volume: Volume;
  /** Verifies the block token of every op before the volume is touched. */
  readonly tokens: BlockTokenSecretManager;
  readonly log: (line: string) => void;
  readonly maxPacketSize: number;
  /** Takes host paths and GFIDs out of error text sent to the client. */
  readonly redact: Redact;
  /** Blocks being written here are remembered in it, for getReplicaVisibleLength. */
  readonly openBlocks?: OpenBlocks;
  /** "host:port" of the client, for log lines. */
  readonly peer: string;
}
