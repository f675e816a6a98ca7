import { normalizePath } from '../fop/index.js';

/** What `du -s` reports for a path, computed on the bricks. */
export interface DuSummary {
  /** Sum of regular-file sizes (one copy; multiply by the replica count for raw usage). */
  bytes: number;
  files: number;
  /** Directories, the path itself included when it is one. */
  dirs: number;
}

/** Runs a task on one live brick per replica set (see `Volume.runTask`). */
export type TaskRunner = (name: string, args: unknown) => Promise<unknown[]>;

/**
 * Size, file and directory counts of the tree at `path`, walked brick-locally by the `du` task
 * (never through the network). Files live on exactly one set, so their counts add up;
 * directories exist on every set, so the largest count is the answer. ENOTCONN.
 */
export async function duSummary(run: TaskRunner, path: string): Promise<DuSummary> {
  const parts = (await run('du', { path: normalizePath(path), summary: true })) as DuSummary[];
  const out: DuSummary = { bytes: 0, files: 0, dirs: 0 };
  for (const p of parts) {
    out.bytes += p.bytes;
    out.files += p.files;
    out.dirs = Math.max(out.dirs, p.dirs);
  }
  return out;
}

/**
 * Bytes under each immediate child of `path` (a file path gives itself), summed over the
 * bricks, sorted by name. ENOTCONN.
 */
export async function duChildren(run: TaskRunner, path: string): Promise<Map<string, number>> {
  const parts = (await run('du', { path: normalizePath(path), summary: false })) as Record<string, number>[];
  const sums = new Map<string, number>();
  for (const part of parts) {
    for (const [name, bytes] of Object.entries(part)) sums.set(name, (sums.get(name) ?? 0) + bytes);
  }
  return new Map([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
