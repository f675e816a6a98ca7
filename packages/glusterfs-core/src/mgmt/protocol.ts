/**
 * The RPC programs glusterd serves on its port. `mgmt` holds the CLI's commands and the
 * procedures glusterds use among themselves; `pmap` maps a brick path to its port; `getspec`
 * hands out client volfiles.
 */
export const MGMT_PROGRAM = 'mgmt';
/** Port mapper program: `portByBrick [brickPath] → port`. */
export const PMAP_PROGRAM = 'pmap';
/** Volfile server program: `get [volumeName] → volfile JSON text`. */
export const GETSPEC_PROGRAM = 'getspec';

/** Largest management frame: volume records and pool state, never file data. */
export const MGMT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** glusterd's default management port. */
export const DEFAULT_MGMT_PORT = 24007;
/** The first port handed to bricks by default. */
export const DEFAULT_BRICK_PORT_BASE = 49152;

/** How a `peer probe` ended. */
export type ProbeOutcome = 'probed' | 'already-peer' | 'localhost';
