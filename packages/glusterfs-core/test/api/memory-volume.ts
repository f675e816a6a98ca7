import { mountVolfile } from '../../src/api/index.js';
import type { Volume } from '../../src/api/index.js';

/** The volume layouts the API suites run on: one memory brick, and distribute over three. */
export const LAYOUTS = ['memory', 'dht'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Volfile text for a layout, as glusterd would serve it (but over storage/memory bricks). */
export function volfileText(layout: Layout, name = 'tv'): string {
  if (layout === 'memory') {
    return JSON.stringify({ volume: name, top: `${name}-brick-0`, nodes: [{ name: `${name}-brick-0`, type: 'storage/memory' }] });
  }
  const bricks = [0, 1, 2].map((i) => ({ name: `${name}-brick-${i}`, type: 'storage/memory' }));
  return JSON.stringify({
    volume: name,
    top: `${name}-dht`,
    nodes: [{ name: `${name}-dht`, type: 'cluster/dht', children: bricks.map((b) => b.name) }, ...bricks],
  });
}

/** Mounts a fresh in-memory volume of the given layout. */
export function mountMemory(layout: Layout): Promise<Volume> {
  return mountVolfile(volfileText(layout));
}
