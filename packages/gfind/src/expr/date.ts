const UNITS: Record<string, number> = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600 };

/**
 * A date as -newermt reads it, in seconds since the epoch (local time unless a zone is given):
 * `@SECONDS`, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.frac]]` (or with `T`), an optional `Z`/`UTC`/
 * `±HH:MM` zone, `now`, `today`, `yesterday`, `tomorrow`, `N units ago`, or anything JS's Date
 * understands. Undefined when none of those fits. `now` is the query's start time (seconds).
 */
export function parseDate(text: string, now: number): number | undefined {
  const s = text.trim();
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (at) return Number(at[1]);
  const lower = s.toLowerCase();
  const midnight = (offsetDays: number) => {
    const d = new Date(now * 1000);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offsetDays).getTime() / 1000;
  };
  if (lower === 'now') return now;
  if (lower === 'today') return midnight(0);
  if (lower === 'yesterday') return midnight(-1);
  if (lower === 'tomorrow') return midnight(1);
  const ago = /^(\d+)\s*([a-z]+?)s?\s+ago$/.exec(lower);
  if (ago && UNITS[ago[2]] !== undefined) return now - Number(ago[1]) * UNITS[ago[2]];
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = iso;
    const fraction = frac ? Number(frac) : 0;
    if (!zone) return new Date(+y, +mo - 1, +d, +h, +mi, +sec).getTime() / 1000 + fraction;
    const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec) / 1000 + fraction;
    if (/^(Z|UTC|GMT)$/i.test(zone)) return utc;
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    return utc - (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60);
  }
  const parsed = Date.parse(s);
  return Number.isNaN(parsed) ? undefined : parsed / 1000;
}
