import type { FileOps } from './heal-files.js';

/** A file open for the sequential write test. */
export interface SeqFile {
  pwrite(data: Buffer, pos: number): Promise<void>;
  fsync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One running 2 x 2 distributed-replicate volume the self-heal benchmark drives: ours (client
 * API, our CLIs) or GlusterFS 10 (FUSE mount, Debian's CLIs). Every method is what an operator
 * or application would do on that system.
 */
export interface HealSystem {
  readonly name: string;
  /** Writes through the system's client (our client API, or the FUSE mount). */
  readonly files: FileOps;
  /** Brick directories of the replica set that loses a brick: [survivor, victim]. */
  readonly pair: readonly [string, string];
  /** Takes the victim brick down (SIGKILL) and resolves once its process is gone. */
  killBrick(): Promise<void>;
  /** Brings the victim brick back (ours: glusterd restarts it; GlusterFS: `volume start force`). */
  restartBrick(): Promise<void>;
  /** `gluster volume heal VOL`; whether it was accepted, and the CLI's message when it was not. */
  triggerHeal(): Promise<{ ok: boolean; message: string }>;
  /** The text of `gluster volume heal VOL info`. */
  healInfo(): Promise<string>;
  openSeq(path: string): Promise<SeqFile>;
  remove(path: string): Promise<void>;
  /** Stops everything this system started; safe to call in any state, more than once. */
  down(): Promise<void>;
}
