/**
 * Entries pending heal from the text of `gluster volume heal VOL info` (ours and GlusterFS's
 * print the same layout): the sum of every brick's `Number of entries: N`, or undefined while
 * any brick is not connected (its count reads `-`) or the output lists no brick at all.
 */
export function pendingFromHealInfo(text: string): number | undefined {
  const bricks = text.split('\n').filter((l) => l.startsWith('Brick ')).length;
  const counts = [...text.matchAll(/^Number of entries: (\S+)\s*$/gm)].map((m) => m[1]);
  if (!bricks || counts.length !== bricks || counts.some((c) => !/^\d+$/.test(c))) return undefined;
  return counts.reduce((sum, c) => sum + Number(c), 0);
}
