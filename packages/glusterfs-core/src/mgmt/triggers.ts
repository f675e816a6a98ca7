import { randomUUID } from 'node:crypto';
import { FsError } from '../errors/index.js';
import type { MgmtContext } from './context.js';
import { applyEverywhere } from './sync.js';
import type { TriggerRecord, VolumeRecord } from './types.js';
import { requireVolume } from './volume-ops.js';

/** Trigger names: they become file names and journal consumer names on every brick. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A definition is a handful of fields (a command line, a URL); this bounds a volume record. */
const MAX_DEFINITION_BYTES = 16 * 1024;
const MAX_TRIGGERS = 100;

/**
 * `trigger add`: stores a new trigger on the volume, on every glusterd (a new volume version),
 * and each server writes the volume's triggers into its local bricks. glusterd checks only the
 * name and the size of the definition; the tool that adds it validates what it means.
 * EINVAL for a bad name, a definition that is not a JSON object or is too large, or too many
 * triggers; EEXIST when the volume already has a trigger of that name; ENOENT for an unknown volume.
 */
export async function addTrigger(ctx: MgmtContext, volume: string, name: string, definition: Record<string, unknown>): Promise<TriggerRecord> {
  const vol = requireVolume(ctx, volume);
  if (!NAME.test(name)) {
    throw new FsError('EINVAL', `trigger name ${JSON.stringify(name)} is not valid: use 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(definition));
  if (bytes > MAX_DEFINITION_BYTES) throw new FsError('EINVAL', `trigger ${name}: the definition is ${bytes} bytes; at most ${MAX_DEFINITION_BYTES} are kept`);
  const triggers = vol.triggers ?? [];
  if (triggers.some((t) => t.name === name)) {
    throw new FsError('EEXIST', `volume ${volume} already has a trigger named ${name}; remove it first (\`gtrigger remove ${name}\`)`);
  }
  if (triggers.length >= MAX_TRIGGERS) throw new FsError('EINVAL', `volume ${volume} has ${triggers.length} triggers, the most it may have`);
  const trigger: TriggerRecord = { name, id: randomUUID(), created: Date.now(), definition };
  await commit(ctx, vol, [...triggers, trigger]);
  ctx.log.info('trigger added', { volume, trigger: name });
  return trigger;
}

/** `trigger remove`: forgets a trigger on every glusterd and brick. ENOENT when there is none of that name. */
export async function removeTrigger(ctx: MgmtContext, volume: string, name: string): Promise<void> {
  const vol = requireVolume(ctx, volume);
  const triggers = vol.triggers ?? [];
  if (!triggers.some((t) => t.name === name)) {
    throw new FsError('ENOENT', `volume ${volume} has no trigger named ${name} (\`gtrigger list\` shows them)`);
  }
  await commit(ctx, vol, triggers.filter((t) => t.name !== name));
  ctx.log.info('trigger removed', { volume, trigger: name });
}

/** `trigger list`: the volume's triggers in the order they were added. ENOENT for an unknown volume. */
export function listTriggers(ctx: MgmtContext, volume: string): TriggerRecord[] {
  return requireVolume(ctx, volume).triggers ?? [];
}

async function commit(ctx: MgmtContext, vol: VolumeRecord, triggers: TriggerRecord[]): Promise<void> {
  const { triggers: _old, ...rest } = vol;
  const next: VolumeRecord = { ...rest, ...(triggers.length ? { triggers } : {}), version: vol.version + 1 };
  // Bricks keep running: triggers are not part of what a brick is launched with.
  await applyEverywhere(ctx, next);
}
