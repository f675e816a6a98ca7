import type { BrickEvent } from './events.js';

/** Where an event happened and which trigger fires on it. */
export interface Firing extends BrickEvent {
  trigger: string;
  volume: string;
  /** The brick that recorded it, `host:/path`. */
  brick: string;
  /** The brick's directory on this server. */
  brickRoot: string;
}

/** The account a command runs as. */
export interface RunAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

const SAFE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The environment of an `--exec` command: a clean one (nothing of the brick process leaks in),
 * as GlusterFS's hook scripts get, with the event in `GLUSTER_*` variables:
 * `GLUSTER_TRIGGER`, `GLUSTER_VOLUME`, `GLUSTER_EVENT`, `GLUSTER_PATH` (volume path),
 * `GLUSTER_BRICK_PATH` (the file on this brick), `GLUSTER_BRICK` (`host:/path`), `GLUSTER_GFID`,
 * `GLUSTER_TIME` (ms since the epoch), and for renames `GLUSTER_OLD_PATH` and
 * `GLUSTER_OLD_BRICK_PATH`.
 */
export function commandEnv(f: Firing, account: RunAccount): Record<string, string> {
  const env: Record<string, string> = {
    PATH: SAFE_PATH, HOME: account.home, USER: account.name, LOGNAME: account.name, SHELL: '/bin/sh', LANG: 'C.UTF-8',
    GLUSTER_TRIGGER: f.trigger, GLUSTER_VOLUME: f.volume, GLUSTER_EVENT: f.event, GLUSTER_PATH: f.path,
    GLUSTER_BRICK_PATH: brickFile(f.brickRoot, f.path), GLUSTER_BRICK: f.brick, GLUSTER_GFID: f.gfid,
    GLUSTER_TIME: String(f.ts),
  };
  if (f.oldPath !== undefined) {
    env.GLUSTER_OLD_PATH = f.oldPath;
    env.GLUSTER_OLD_BRICK_PATH = brickFile(f.brickRoot, f.oldPath);
  }
  return env;
}

/** The JSON a `--webhook` receives: `{trigger, volume, event, path, oldPath?, gfid, brick, ts}`. */
export function webhookBody(f: Firing): Record<string, unknown> {
  return {
    trigger: f.trigger, volume: f.volume, event: f.event, path: f.path,
    ...(f.oldPath !== undefined ? { oldPath: f.oldPath } : {}), gfid: f.gfid, brick: f.brick, ts: f.ts,
  };
}

function brickFile(root: string, volumePath: string): string {
  return root.replace(/\/+$/, '') + volumePath;
}
