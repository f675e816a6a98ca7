import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { FsError } from '../errors/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import { loadTlsDir, type TlsMaterial } from '../rpc/index.js';
import { MgmtClient } from './client.js';
import { registeredSocket } from './socket-registry.js';

/** Options of {@link connectGlusterd}. */
export interface ConnectGlusterdOptions {
  /** glusterd's local socket, when known (`--glusterd-sock`); skips the discovery. */
  socket?: string;
  /** This client's TLS identity directory (default {@link defaultSslDir}); used when glusterd's port speaks TLS. */
  sslDir?: string;
  /** Only the TCP connection: never take the local socket (read-only tools, tests of the TCP side). */
  tcpOnly?: boolean;
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
  log?: Logger;
}

/** A connection to glusterd and whether it came through its local socket (root's authority). */
export interface GlusterdConnection {
  client: MgmtClient;
  /** True through the local socket: every command is accepted. False over TCP: read-only ones. */
  local: boolean;
}

/** Where a client's TLS identity lives: `$GLUSTER_SSL_DIR`, else `/etc/ssl` (GlusterFS's place). */
export function defaultSslDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GLUSTER_SSL_DIR?.trim() || '/etc/ssl';
}

/**
 * Connects to the glusterd at `host:port` with the most authority this process has. A root
 * glusterd on this machine registered its local socket (`socket-registry.ts`): root's commands
 * go straight there. Otherwise, over TCP (plain, or TLS with this client's certificate when
 * glusterd's secure-access is on) it asks
 * glusterd where its local socket is; when this process may open that socket (root, or
 * glusterd's own user, on glusterd's host) and the glusterd answering there is the same one, the
 * connection through the socket is returned: it may change the pool. Otherwise the TCP
 * connection, which gets read-only answers. ENOTCONN/ETIMEDOUT when glusterd cannot be reached,
 * with the TLS hint when it would not speak plain TCP to a client without a certificate.
 */
export async function connectGlusterd(host: string, port: number, o: ConnectGlusterdOptions = {}): Promise<GlusterdConnection> {
  const base = { connectTimeoutMs: o.connectTimeoutMs ?? 5000, callTimeoutMs: o.callTimeoutMs ?? 60_000, log: o.log ?? silentLogger() };
  if (o.socket) return { client: await MgmtClient.connect(host, port, { ...base, path: o.socket }), local: true };
  const registered = o.tcpOnly ? undefined : await registeredSocket(host, port);
  if (registered && (await mayOpen(registered))) {
    const local = await MgmtClient.connect(host, port, { ...base, path: registered }).catch(() => undefined);
    if (local) return { client: local, local: true };
  }
  const tcp = await connectTcp(host, port, base, o.sslDir ?? defaultSslDir());
  if (o.tcpOnly) return { client: tcp, local: false };
  try {
    const hello = await tcp.hello();
    if (!(await mayOpen(hello.socket))) return { client: tcp, local: false };
    const local = await MgmtClient.connect(host, port, { ...base, path: hello.socket }).catch(() => undefined);
    if (local && (await local.hello()).uuid === hello.uuid) {
      await tcp.close();
      return { client: local, local: true };
    }
    await local?.close();
    return { client: tcp, local: false };
  } catch (e) {
    await tcp.close();
    throw e;
  }
}

/** Plain TCP first; a glusterd with secure-access drops that, and is then tried over TLS. */
async function connectTcp(host: string, port: number, base: Parameters<typeof MgmtClient.connect>[2], sslDir: string): Promise<MgmtClient> {
  try {
    return await MgmtClient.connect(host, port, base);
  } catch (plainError) {
    const tls = tryLoadTls(sslDir);
    if (!tls) {
      const e = FsError.from(plainError);
      if (!/speaks only TLS/.test(e.message)) throw e;
      throw new FsError(e.code, `${e.message}; if glusterd's secure-access is on, put the pool's CA and a certificate in ${sslDir} (glusterfs.ca, glusterfs.pem, glusterfs.key) or point $GLUSTER_SSL_DIR at them`);
    }
    try {
      return await MgmtClient.connect(host, port, { ...base, tls });
    } catch (tlsError) {
      const e = FsError.from(tlsError);
      throw new FsError(e.code, `${FsError.from(plainError).message}; over TLS with ${sslDir}: ${e.message}`);
    }
  }
}

function tryLoadTls(dir: string): TlsMaterial | undefined {
  try {
    return loadTlsDir(dir);
  } catch {
    return undefined;
  }
}

async function mayOpen(socket: string | undefined): Promise<boolean> {
  if (!socket) return false;
  try {
    await access(socket, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
