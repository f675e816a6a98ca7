import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../log/index.js';
import { createRpcServer, loadTlsDir } from '../rpc/index.js';
import type { RpcServer } from '../rpc/types.js';
import { CORE_BINS } from './bin-paths.js';
import { BrickMonitor } from './brick-monitor.js';
import { createSerializer, type MgmtContext } from './context.js';
import { mgmtProcs } from './mgmt-procs.js';
import { PeerLinks } from './peer-links.js';
import { removePidFile, writePidFile } from './pidfile.js';
import { GETSPEC_PROGRAM, MGMT_MAX_FRAME_BYTES, MGMT_PROGRAM, PMAP_PROGRAM } from './protocol.js';
import { PoolSecrets, POOL_USER } from './secrets.js';
import { registerSocket, unregisterSocket } from './socket-registry.js';
import { getspecProcs, pmapProcs } from './services.js';
import { ShdMonitor } from './shd-monitor.js';
import { Store } from './store.js';
import { reconcileShd, reconcileWithPeer } from './sync.js';

/** How to run a glusterd. */
export interface GlusterdOptions {
  /** Its persistent store (GlusterFS's /var/lib/glusterd). */
  workdir: string;
  /** The address it binds and advertises to peers and clients. */
  host: string;
  /** Management port (0 = any free port). */
  port: number;
  /** First port handed to bricks. */
  brickPortBase: number;
  log: Logger;
  /** Directory for brick logs (`<logDir>/bricks/*.log`; default `<workdir>/logs`). */
  logDir?: string;
  /** glusterfsd entry script (default: this package's bin/glusterfsd.js). */
  glusterfsd?: string;
  /** glustershd entry script (default: this package's bin/glustershd.js). */
  glustershd?: string;
  /**
   * The local socket root's `gluster` commands come through (GlusterFS's glusterd.socket;
   * default `<workdir>/run/glusterd.socket`). Only glusterd's user can open it.
   */
  socket?: string;
}

/** Where glusterd keeps its TLS identity (glusterfs.pem, .key, .ca), as GlusterFS keeps /etc/ssl's. */
export function sslDirOf(workdir: string): string {
  return join(workdir, 'ssl');
}

/**
 * True when management traffic must be TLS: the file `secure-access` exists in the workdir,
 * as GlusterFS's `/var/lib/glusterd/secure-access`.
 */
export function secureAccessOn(workdir: string): boolean {
  return existsSync(join(workdir, 'secure-access'));
}

/**
 * A running management daemon: serves `mgmt`, `pmap` and `getspec` on its port (TLS-only with
 * secure-access) and on its local socket, keeps links to its peers (authenticated with the
 * pool secret), and runs and watches the bricks of its host and its self-heal daemon. Who may
 * call what is decided per procedure (`mgmt-procs.ts`): state changes come only through the
 * local socket or, between glusterds, from members of the pool. Bricks of started volumes are
 * restarted when it starts; `stop()` stops them.
 */
export class Glusterd {
  readonly port: number;
  readonly uuid: string;
  /** Settles once the bricks of started volumes, then the self-heal daemon, have had their first start attempt. */
  readonly bricksRestored: Promise<void>;
  readonly #server: RpcServer;
  readonly #ctx: MgmtContext;

  private constructor(port: number, server: RpcServer, ctx: MgmtContext, restored: Promise<void>) {
    this.port = port;
    this.uuid = ctx.store.self.uuid;
    this.#server = server;
    this.#ctx = ctx;
    this.bricksRestored = restored;
  }

  /** Opens the store, listens, connects to peers and restarts bricks of started volumes. */
  static async start(o: GlusterdOptions): Promise<Glusterd> {
    const log = o.log;
    const secrets = await PoolSecrets.open(o.workdir);
    const sslDir = sslDirOf(o.workdir);
    const tls = secureAccessOn(o.workdir) ? loadTlsDir(sslDir) : undefined;
    const socket = o.socket ?? join(o.workdir, 'run', 'glusterd.socket');
    const server = createRpcServer({
      log: log.child('rpc'), maxFrameBytes: MGMT_MAX_FRAME_BYTES, tls, secretOf: (u) => (u === POOL_USER ? secrets.pool : undefined),
    });
    const store = await Store.open(o.workdir, o.host, o.port, o.logDir);
    const monitor = new BrickMonitor({
      store, host: o.host, mgmtPort: o.port, brickPortBase: o.brickPortBase,
      glusterfsd: o.glusterfsd ?? CORE_BINS.glusterfsd, log: log.child('bricks'),
      serverAccess: (vol) => ({
        trustedPassword: secrets.brickPassword(vol.id, 'trusted'), clientPassword: secrets.brickPassword(vol.id, 'client'), sslDir,
      }),
    });
    const shd = new ShdMonitor({
      store, host: o.host, glustershd: o.glustershd ?? CORE_BINS.glustershd, log: log.child('shd'), glusterdSocket: socket,
      secret: () => secrets.shdSecret(), portFor: (key) => monitor.portFor(key), sslDir, tls,
    });
    await monitor.stopLeftovers();
    await shd.stopLeftovers();
    let ctx: MgmtContext | undefined;
    const links = new PeerLinks(log.child('peers'), { user: POOL_USER, secret: () => secrets.pool, tls }, (peer) => {
      if (!ctx) return;
      reconcileWithPeer(ctx, peer).catch((e) => log.warn('reconcile with peer failed', { peer: peer.host, error: (e as Error).message }));
    });
    ctx = { store, monitor, shd, links, log, serial: createSerializer(), secrets, socket, tls };
    server.program(MGMT_PROGRAM, mgmtProcs(ctx));
    server.program(PMAP_PROGRAM, pmapProcs(ctx));
    server.program(GETSPEC_PROGRAM, getspecProcs(ctx));
    // Programs are registered before listening, so no caller ever meets a half-set-up server.
    await mkdir(dirname(socket), { recursive: true, mode: 0o700 });
    await chmod(dirname(socket), 0o700);
    await server.listenLocal(socket);
    const port = await server.listen(o.port, o.host);
    if (port !== o.port) await store.setSelfPort(port);
    await registerSocket(o.host, port, socket).catch((e) => log.warn('cannot register the local socket', { error: (e as Error).message }));
    await writePidFile(join(o.workdir, 'glusterd.pid'), process.pid);
    links.sync(store.peers());
    const c = ctx;
    const restored = Promise.all(store.volumes().filter((v) => v.status === 'Started')
      .map((v) => monitor.reconcile(v).catch((e) => log.error('cannot restart bricks', { volume: v.name, error: (e as Error).message }))))
      .then(() => reconcileShd(c));
    log.info('glusterd listening', { host: o.host, port, uuid: store.self.uuid, workdir: o.workdir, socket, tls: !!tls });
    return new Glusterd(port, server, c, restored);
  }

  /** Stops the self-heal daemon and every brick of this host, closes peer links and the server. */
  async stop(): Promise<void> {
    await this.#ctx.shd.shutdown();
    await this.#ctx.monitor.shutdown();
    await this.#ctx.links.close();
    await unregisterSocket(this.#ctx.store.self.host, this.port, this.#ctx.socket).catch(() => {});
    await this.#server.close();
    await removePidFile(join(this.#ctx.store.workdir, 'glusterd.pid'));
  }
}
