/** Marks a bigint in JSON.stringify's output so it can be written back as bare digits. */
const BIG = '\u0000big:';
const BIG_RE = /"\\u0000big:(-?\d+)"/g;

/**
 * JSON text of `value` where bigints (file and block ids, which use all 64 bits) are written as
 * exact integer literals, as Java's Jackson writes a `long`. JSON.stringify cannot emit a
 * bigint, and Number() would round ids above 2^53.
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? BIG + v.toString() : v));
  return text.replace(BIG_RE, '$1');
}
