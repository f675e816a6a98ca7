import { Command } from 'commander';
import { formatVolumeSpec } from '../../api/index.js';
import { columns, humanSize } from './render.js';
import { printLines, reportFailure } from './report.js';
import { withVolume } from './session.js';

/** `gfs df [-h]`: the volume's capacity (its bricks' file systems summed by distribute), like `hdfs dfs -df`. */
export function dfCommand(): Command {
  return new Command('df')
    .description("show the volume's size, used and available space")
    .option('-h, --human-readable', 'sizes like 1.5K, 23M, 1.2G')
    .action(async (o: { humanReadable?: boolean }, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        try {
          const s = await vol.statfs('/');
          const unit = s.frsize || s.bsize;
          const size = s.blocks * unit;
          const avail = s.bavail * unit;
          const used = (s.blocks - s.bfree) * unit;
          // As df does: used over what a user could have (used + available), rounded up.
          const pct = used + avail > 0 ? Math.ceil((used * 100) / (used + avail)) : 0;
          const n = (v: number) => (o.humanReadable ? humanSize(v) : String(v));
          const name = vol.spec ? `glusterfs://${formatVolumeSpec(vol.spec)}` : vol.name;
          printLines(columns([
            ['Filesystem', 'Size', 'Used', 'Available', 'Use%'],
            [name, n(size), n(used), n(avail), `${pct}%`],
          ], ['l', 'r', 'r', 'r', 'r'], '  '));
          return true;
        } catch (e) {
          reportFailure('statfs', vol.name, e);
          return false;
        }
      });
    });
}
