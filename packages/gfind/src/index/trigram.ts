/**
 * Trigram keys of the shard's index: three UTF-16 code units, 7 bits each, in 21 bits. ASCII
 * letters are folded to lower case so one index serves case-sensitive and -i queries (the
 * verifying match decides case); other code units are hashed into 7 bits, so a key may stand
 * for several trigrams: a false candidate is checked and dropped, a match is never missed.
 */
export const TRIGRAM_KEYS = 1 << 21;

/** The 7-bit code of one UTF-16 code unit. */
export function unitCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return Math.imul(c, 0x9e3779b1) >>> 25;
}

/**
 * The keys a match must contain, from the literals a pattern requires. With -i, trigrams with a
 * non-ASCII code unit are left out: their folding is not the index's (`É` and `é` hash apart).
 */
export function literalKeys(literals: string[], ignoreCase: boolean): number[] {
  const keys = new Set<number>();
  for (const lit of literals) {
    for (let i = 0; i + 2 < lit.length; i++) {
      const a = lit.charCodeAt(i), b = lit.charCodeAt(i + 1), c = lit.charCodeAt(i + 2);
      if (ignoreCase && (a > 127 || b > 127 || c > 127)) continue;
      keys.add((unitCode(a) << 14) | (unitCode(b) << 7) | unitCode(c));
    }
  }
  return [...keys];
}

/** Intersection of sorted ascending id lists (each a view into the postings). */
export function intersectSorted(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let acc: Uint32Array = sorted[0]!.slice();
  for (let l = 1; l < sorted.length && acc.length > 0; l++) {
    const other = sorted[l]!;
    let n = 0, j = 0;
    for (let i = 0; i < acc.length; i++) {
      const v = acc[i]!;
      while (j < other.length && other[j]! < v) j++;
      if (j === other.length) break;
      if (other[j] === v) acc[n++] = v;
    }
    acc = acc.subarray(0, n);
  }
  return acc;
}

/** Union of sorted ascending id lists, sorted, without repeats. */
export function unionSorted(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let o = 0;
  for (const l of lists) {
    all.set(l, o);
    o += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}
