import type { Command } from 'commander';
import {
  fetchVolfile, formatVolumeSpec, mountVolfile, parseVolumeSpec, type Volume, type VolumeSpec,
} from '../../api/index.js';
import { FsError, isErrno } from '../../errors/index.js';
import { reportFailure, strerror, warn } from './report.js';

/** Global options of `gfs`. */
export interface GfsGlobals {
  volume: string;
  timeout: string;
}

const HOW_TO_START =
  "start one with 'npm start' (in the repository) or 'npx gcluster up --home DIR', " +
  'or point --volume HOST[:PORT]/VOLUME (or $GLUSTER_VOLUME) at a running one';

/**
 * Mounts the volume named by `--volume`, runs `fn` and unmounts. `fn` returns false when some
 * of its work failed (it has reported why); the exit code is then 1. Mount failures say what
 * to do about them. A broken stdout pipe (`gfs cat … | head`) ends the program quietly.
 */
export async function withVolume(cmd: Command, fn: (vol: Volume) => Promise<boolean>): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const g = cmd.optsWithGlobals<GfsGlobals>();
  const vol = await mount(g).catch(() => undefined);
  if (!vol) {
    process.exitCode = 1;
    return;
  }
  try {
    if (!(await fn(vol))) process.exitCode = 1;
  } catch (e) {
    const fe = FsError.from(e);
    warn(`${fe.message.replace(`${fe.code}: `, '')}: ${strerror(fe.code)} (${fe.code})`);
    process.exitCode = 1;
  } finally {
    await vol.unmount();
  }
}

async function mount(g: GfsGlobals): Promise<Volume> {
  let spec: VolumeSpec;
  try {
    spec = parseVolumeSpec(g.volume);
  } catch (e) {
    warn((e as Error).message.replace(/^EINVAL: /, ''));
    throw e;
  }
  const timeoutMs = Number(g.timeout) || 10_000;
  const where = formatVolumeSpec(spec);
  let text: string;
  try {
    text = await fetchVolfile(spec, { timeoutMs });
  } catch (e) {
    const fe = FsError.from(e);
    if (fe.code === 'ENOENT') warn(`volume '${spec.volume}' does not exist on glusterd at ${spec.host}:${spec.port}`);
    else if (fe.code === 'EACCES') warn(`cannot mount ${spec.volume}: ${fe.message.replace(/^(?:[A-Z]+: )+/, '')}`);
    else if (/TLS/.test(fe.message)) warn(`cannot connect to glusterd at ${spec.host}:${spec.port}: ${fe.message.replace(/^(?:[A-Z]+: )+/, '')}`);
    else {
      // The socket's own reason (connection refused, host unreachable) says more than ENOTCONN.
      const cause = /connect (E[A-Z]+)/.exec(fe.message)?.[1];
      const code = isErrno(cause) ? cause : fe.code;
      warn(`cannot connect to glusterd at ${spec.host}:${spec.port}: ${strerror(code)} (${code})\ngfs: ${HOW_TO_START}`);
    }
    throw fe;
  }
  try {
    return await mountVolfile(text, { timeoutMs, identity: callerIdentity() }, spec);
  } catch (e) {
    reportFailure('mount', where, e);
    throw e;
  }
}

function callerIdentity() {
  return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, groups: process.getgroups?.() ?? [] };
}
