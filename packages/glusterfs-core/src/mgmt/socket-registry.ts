import { lstat, mkdir, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where root's glusterds say where their local sockets are, so root's `gluster` on the same
 * machine finds one by the address it serves, without a round trip over TCP (which with
 * secure-access would need a certificate): `/run/gluster-ts/<host>:<port>.socket`, a symlink to
 * the socket, in a directory only root can write. glusterds run by other users are found over
 * TCP instead (`hello`).
 */
export const SOCKET_REGISTRY = '/run/gluster-ts';

function entry(host: string, port: number): string {
  return join(SOCKET_REGISTRY, `${host}:${port}.socket`);
}

/** Records `socket` as the local socket of the glusterd serving host:port (root only; else a no-op). */
export async function registerSocket(host: string, port: number, socket: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  await mkdir(SOCKET_REGISTRY, { recursive: true, mode: 0o755 });
  const link = entry(host, port);
  await rm(link, { force: true });
  await symlink(socket, link);
}

/** Forgets the entry of host:port if it still names `socket`. */
export async function unregisterSocket(host: string, port: number, socket: string): Promise<void> {
  const link = entry(host, port);
  if ((await readlink(link).catch(() => undefined)) === socket) await rm(link, { force: true });
}

/**
 * The local socket root's glusterd registered for host:port, if any. Only an entry in the
 * root-owned directory that root itself made counts.
 */
export async function registeredSocket(host: string, port: number): Promise<string | undefined> {
  const link = entry(host, port);
  try {
    const [dir, st] = await Promise.all([lstat(SOCKET_REGISTRY), lstat(link)]);
    if (dir.uid !== 0 || (dir.mode & 0o022) !== 0 || st.uid !== 0 || !st.isSymbolicLink()) return undefined;
    return await readlink(link);
  } catch {
    return undefined;
  }
}
