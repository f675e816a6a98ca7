import type { Command } from 'commander';
import { connectGlusterd, FsError, parseVolumeSpec, redactGfids, type MgmtClient, type VolumeSpec } from 'glusterfs-core';

/** Global options of `gtrigger`. */
export interface GtriggerGlobals {
  volume: string;
  glusterdSock?: string;
}

/** Prints `gtrigger: msg` to stderr and exits 1. */
export function fail(msg: string): never {
  process.stderr.write(`gtrigger: ${redactGfids(msg)}\n`);
  process.exit(1);
}

/** An error's message without the errno prefixes the RPC layer adds. */
export function reasonOf(e: unknown): string {
  const fe = FsError.from(e);
  return fe.message.replace(/^(?:[A-Z][A-Z0-9]+: )+/, '');
}

/** The `--volume` spec; exits with the parse error when it is malformed. */
export function volumeSpecOf(cmd: Command): VolumeSpec {
  try {
    return parseVolumeSpec(cmd.optsWithGlobals<GtriggerGlobals>().volume);
  } catch (e) {
    fail(reasonOf(e));
  }
}

/**
 * Connects to the glusterd serving `--volume` as the `gluster` CLI does (its local socket when
 * this user may open it: root on that server may define triggers; otherwise TCP, read-only)
 * and runs `fn` with the client and the volume name.
 */
export async function withGlusterd<T>(cmd: Command, fn: (c: MgmtClient, volume: string) => Promise<T>): Promise<T> {
  const spec = volumeSpecOf(cmd);
  const socket = cmd.optsWithGlobals<GtriggerGlobals>().glusterdSock ?? process.env.GLUSTERD_SOCK;
  let client: MgmtClient;
  try {
    client = (await connectGlusterd(spec.host, spec.port, { socket, connectTimeoutMs: 5000, callTimeoutMs: 120_000 })).client;
  } catch (e) {
    fail(`cannot connect to glusterd at ${spec.host}:${spec.port}: ${reasonOf(e)} (is it running? start one with \`npm start\` or \`gcluster up --home DIR\`, or point --volume / $GLUSTER_VOLUME at a running one)`);
  }
  try {
    return await fn(client, spec.volume);
  } finally {
    await client.close().catch(() => {});
  }
}
