import { Command } from 'commander';
import type { Volume } from '../../api/index.js';
import { joinPath, normalizePath } from '../../fop/index.js';
import { columns, humanSize } from './render.js';
import { printLines, reportFailure } from './report.js';
import { withVolume } from './session.js';

interface DuOpts {
  summary?: boolean;
  human?: boolean;
}

/**
 * `gfs du [-s] [-h] PATH...`, computed on the bricks (one live brick per replica set walks its
 * own files), printed as `hdfs dfs -du` does: `SIZE  SIZE×REPLICAS  PATH` for each child of
 * PATH, or one line for PATH with -s.
 */
export function duCommand(): Command {
  return new Command('du')
    .description('space used by files and directories, computed on the bricks')
    .argument('[paths...]', 'volume paths (default /)')
    .option('-s, --summary', 'one total per PATH instead of one line per child')
    .option('-h, --human-readable', 'sizes like 1.5K, 23M, 1.2G')
    .action(async (paths: string[], o: DuOpts, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        let ok = true;
        for (const p of paths.length ? paths : ['/']) ok = (await duOne(vol, p, o)) && ok;
        return ok;
      });
    });
}

async function duOne(vol: Volume, shown: string, o: DuOpts): Promise<boolean> {
  const path = normalizePath(shown);
  const replicas = vol.replicaCount;
  const size = (n: number) => (o.human ? humanSize(n) : String(n));
  try {
    const st = await vol.stat(path);
    let rows: [number, string][];
    if (o.summary) rows = [[(await vol.du(path)).bytes, path]];
    else if (!st.isDirectory()) rows = [[[...(await vol.duChildren(path)).values()][0] ?? 0, path]];
    else rows = [...(await vol.duChildren(path))].map(([name, bytes]) => [bytes, joinPath(path, name)]);
    printLines(columns(rows.map(([b, p]) => [size(b), size(b * replicas), p]), ['l', 'l', 'l'], '  '));
    return true;
  } catch (e) {
    reportFailure('access', shown, e);
    return false;
  }
}
