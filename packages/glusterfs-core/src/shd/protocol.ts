/**
 * The RPC program a self-heal daemon serves on its port:
 * `trigger [volume, full]` → null (the crawl runs in the background; ENOENT for a volume it
 * does not serve), `statistics [volume]` → JSON text of a `ShdStatistics`,
 * `reload []` → the names of the volumes it serves after re-reading them from glusterd.
 */
export const SHD_PROGRAM = 'shd';

/** Seconds between periodic index crawls, as GlusterFS's `cluster.heal-timeout`. */
export const DEFAULT_HEAL_TIMEOUT_SEC = 600;

/** Heals one daemon runs at once, across all its volumes. */
export const DEFAULT_MAX_HEALS = 16;
