import { Command } from 'commander';
import type { Stats, Volume } from '../../api/index.js';
import { normalizePath } from '../../fop/index.js';
import { modeString, Owners } from './render.js';
import { printLines, reportFailure } from './report.js';
import { withVolume } from './session.js';

/** `gfs stat PATH...`: attributes in GNU `stat`'s layout, plus the GFID. */
export function statCommand(): Command {
  return new Command('stat')
    .description('show attributes of files and directories')
    .argument('<paths...>', 'volume paths')
    .option('-L, --dereference', 'follow a final symlink')
    .action(async (paths: string[], o: { dereference?: boolean }, cmd: Command) => {
      await withVolume(cmd, async (vol) => {
        const owners = new Owners();
        let ok = true;
        for (const p of paths) {
          try {
            const st = o.dereference ? await vol.stat(p) : await vol.lstat(p);
            printLines(await describe(vol, normalizePath(p), st, owners));
          } catch (e) {
            reportFailure('stat', p, e);
            ok = false;
          }
        }
        return ok;
      });
    });
}

async function describe(vol: Volume, path: string, st: Stats, owners: Owners): Promise<string[]> {
  const kind = st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symbolic link'
    : st.isFile() ? (st.size === 0 ? 'regular empty file' : 'regular file') : 'special file';
  const name = st.isSymbolicLink() ? `${path} -> ${await vol.readlink(path)}` : path;
  const perm = (st.mode & 0o7777).toString(8).padStart(4, '0');
  const t = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', ' +0000');
  return [
    `  File: ${name}`,
    `  Size: ${String(st.size).padEnd(15)} Blocks: ${String(st.blocks).padEnd(10)} IO Block: ${String(st.blksize).padEnd(6)} ${kind}`,
    `  GFID: ${st.gfid}   Inode: ${st.ino}   Links: ${st.nlink}`,
    `Access: (${perm}/${modeString(st.mode)})  Uid: (${String(st.uid).padStart(5)}/${owners.user(st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${owners.group(st.gid).padStart(8)})`,
    `Access: ${t(st.atimeMs)}`,
    `Modify: ${t(st.mtimeMs)}`,
    `Change: ${t(st.ctimeMs)}`,
  ];
}
