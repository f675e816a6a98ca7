import type { BrickIndexStatus } from './client.js';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * `glocate -S`: per queried brick, mlocate's statistics block (directories, files, bytes in
 * file names, bytes used to store the shard) plus the index's own state.
 */
export function formatStatistics(volume: string, statuses: BrickIndexStatus[]): string {
  const blocks = statuses.map((s) => {
    const lines = [
      `Shard ${s.subvolume} of ${volume} (${s.brick}/.glusterfs/glocate/shard.bin):`,
      `\t${n(s.dirs)} directories`,
      `\t${n(s.files)} files`,
      `\t${n(s.memoryBytes)} bytes in memory (names, offsets, trigram index)`,
      `\t${n(s.persistedBytes)} bytes used to store the shard`,
      `\tstate ${s.state}${s.crawling ? ', crawling' : ''}; journal ${s.journal}, ${n(s.applied)} records applied since start, ${s.lagMs} ms behind`,
      `\t${n(s.crawls)} full crawls (${n(s.crawlsSinceStart)} since the brick started): ${s.crawlReason}`,
    ];
    if (s.error) lines.push(`\terror: ${s.error}`);
    return lines.join('\n');
  });
  return blocks.join('\n') + '\n';
}

/** One progress line for bricks that are crawling: `indexing: 123,456 names on 2 bricks, 3 dirs queued`. */
export function formatProgress(statuses: BrickIndexStatus[]): string {
  const crawling = statuses.filter((s) => s.crawling || s.state !== 'ready');
  const names = crawling.reduce((t, s) => t + (s.crawl?.entries ?? 0), 0);
  const queued = crawling.reduce((t, s) => t + (s.crawl?.dirsQueued ?? 0), 0);
  const started = Math.min(...crawling.map((s) => s.crawl?.startedAt ?? Date.now()));
  const secs = Math.max(0.001, (Date.now() - started) / 1000);
  return `indexing: ${n(names)} names on ${crawling.length} brick${crawling.length === 1 ? '' : 's'}, ` +
    `${n(queued)} directories queued · ${n(Math.round(names / secs))} names/s`;
}
