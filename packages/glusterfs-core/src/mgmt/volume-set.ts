import { FsError } from '../errors/index.js';
import { formatBrick } from './brick-spec.js';
import type { MgmtContext } from './context.js';
import { applyEverywhere } from './sync.js';
import type { VolumeRecord } from './types.js';
import { affectsBricks, checkOptionValue, formatDefault, VOLUME_OPTIONS, volumeOption } from './volume-options.js';
import { requireVolume } from './volume-ops.js';

/** One row of `volume get`: the option and its value (the default when it is not set). */
export interface OptionValue {
  option: string;
  value: string;
}

/**
 * `volume set VOL KEY VALUE`: validates the value with the translator's schema, stores it in
 * the volume record on every glusterd (a new version), and restarts the volume's bricks, one at
 * a time per host, when the option changes what they run. Client-side options reach clients at
 * their next mount (and the self-heal daemons, which reload); self-heal daemon options start,
 * stop or restart them. EINVAL for an unknown key or a bad value; EIO when a brick did not come back.
 */
export async function setVolumeOption(ctx: MgmtContext, name: string, key: string, value: string): Promise<VolumeRecord> {
  const vol = requireVolume(ctx, name);
  const v = checkOptionValue(key, value);
  return commit(ctx, vol, { ...vol.options, [key]: v }, [key]);
}

/**
 * `volume reset VOL [KEY]`: forgets one reconfigured option (or all of them when `key` is
 * null or `all`), so their defaults apply again. EINVAL for an unknown key.
 */
export async function resetVolumeOptions(ctx: MgmtContext, name: string, key: string | null): Promise<VolumeRecord> {
  const vol = requireVolume(ctx, name);
  const all = key === null || key === 'all';
  if (!all) volumeOption(key);
  const keys = all ? Object.keys(vol.options) : [key];
  const options = Object.fromEntries(Object.entries(vol.options).filter(([k]) => !keys.includes(k)));
  return commit(ctx, vol, options, keys);
}

/** `volume get VOL KEY|all`: the value of one option or of every option, defaults included. */
export function getVolumeOptions(ctx: MgmtContext, name: string, key: string): OptionValue[] {
  const vol = requireVolume(ctx, name);
  const opts = key === 'all' ? [...VOLUME_OPTIONS.values()] : [volumeOption(key)];
  return opts.map((o) => ({ option: o.key, value: vol.options[o.key] ?? formatDefault(o.spec) }));
}

async function commit(
  ctx: MgmtContext, vol: VolumeRecord, options: Record<string, string>, changed: readonly string[],
): Promise<VolumeRecord> {
  const next: VolumeRecord = { ...vol, options, version: vol.version + 1 };
  const bricks = await applyEverywhere(ctx, next);
  ctx.log.info('volume options changed', { volume: vol.name, keys: changed });
  const failed = vol.status === 'Started' && changed.some(affectsBricks) ? bricks.filter((b) => !b.online) : [];
  if (failed.length) {
    const why = failed.map((b) => `Brick ${formatBrick(b)}: ${b.error ?? 'not online'}`).join('; ');
    throw new FsError('EIO',
      `the option was stored, but bricks did not restart with it. ${why}. Fix the value (\`gluster volume reset ${vol.name}${changed.length === 1 ? ` ${changed[0]}` : ''}\` undoes it); \`gluster volume status ${vol.name}\` shows which bricks are online.`);
  }
  return next;
}
