import { FsError } from 'glusterfs-core';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses `--since TIME` into ms since the epoch. Accepted forms: epoch seconds (`1717171717`,
 * `@1717171717.5`, as `date +%s` prints), an age (`90s`, `15m`, `2h`, `1d`, `1w`: that long
 * before `now`), or a date and time `Date.parse` reads (`2024-06-01`, `2024-06-01T12:00:00Z`,
 * `2024-06-01 12:00` in local time). EINVAL otherwise, or for a time in the future.
 */
export function parseSince(text: string, now = Date.now()): number {
  const s = text.trim();
  let ms: number;
  const epoch = /^@?(\d+(?:\.\d+)?)$/.exec(s);
  const age = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(s);
  if (epoch) ms = Math.round(Number(epoch[1]) * 1000);
  else if (age) ms = now - Math.round(Number(age[1]) * UNIT_MS[age[2]]);
  else ms = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(s) ? s.replace(' ', 'T') : s);
  if (!Number.isFinite(ms)) {
    throw new FsError('EINVAL', `invalid time '${text}' (epoch seconds, an age like 15m/2h/1d, or a date like 2024-06-01T12:00)`);
  }
  if (ms > now) throw new FsError('EINVAL', `time '${text}' is in the future`);
  return ms;
}
