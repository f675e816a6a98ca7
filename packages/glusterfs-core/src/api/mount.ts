import { FsError } from '../errors/index.js';
import type { Xlator, XlatorDef } from '../fop/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import { connectGlusterd, defaultSslDir } from '../mgmt/connect.js';
import { buildGraph, parseVolfile, resolveXlator, withNodeOption, type Graph, type Volfile } from '../volume/index.js';
import type { Identity } from './context.js';
import { formatVolumeSpec, parseVolumeSpec, type VolumeSpec } from './spec.js';
import { replicaSets } from './tasks.js';
import { Volume } from './volume.js';

/** Options of {@link mountVolume} and {@link mountVolfile}. */
export interface MountOptions {
  log?: Logger;
  /** Who the calls act as (default root). */
  identity?: Identity;
  /** How long to wait for glusterd and the bricks (default 10 s). */
  timeoutMs?: number;
  /** Finds a translator type's definition (default: core's registry, `resolveXlator`). */
  resolve?: (type: string) => XlatorDef | undefined;
  /** This client's TLS identity directory (glusterfs.pem/.key/.ca; default `$GLUSTER_SSL_DIR` or `/etc/ssl`). */
  sslDir?: string;
  /** glusterd's local socket, when known; otherwise glusterd says where it is. */
  glusterdSocket?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How long a mount waits for every brick before settling for the live ones. */
const GRACE_MS = 1_500;
const POLL_MS = 20;

/**
 * Mounts a volume served by glusterd: fetches the client volfile (`getspec`), builds the graph
 * and waits until it is usable. A volume with some bricks down still mounts (their files fail
 * with ENOTCONN). `spec` is `host[:port]/volname` or a {@link VolumeSpec}. The volfile carries
 * the volume's credentials, so glusterd gives it only to authorised clients (root on a server of
 * the pool, through glusterd's local socket; with management TLS, certificates the volume
 * allows). EINVAL (bad spec or volfile), ECONNREFUSED/ENOTCONN/ETIMEDOUT (glusterd
 * unreachable), ENOENT (no such volume), EACCES (not authorised), ENOTCONN (no brick reachable).
 */
export async function mountVolume(spec: string | VolumeSpec, opts: MountOptions = {}): Promise<Volume> {
  const s = typeof spec === 'string' ? parseVolumeSpec(spec) : spec;
  const text = await fetchVolfile(s, opts);
  return mountVolfile(text, opts, s);
}

/**
 * Mounts a volume from its client volfile (JSON text or parsed), e.g. a graph over storage/memory
 * in tests. Same waiting rules as {@link mountVolume}. `spec` records where the volfile came
 * from (`mountVolume` passes it; shown by `Volume.spec`). EINVAL, ENOTCONN.
 */
export async function mountVolfile(volfile: Volfile | string, opts: MountOptions = {}, spec?: VolumeSpec): Promise<Volume> {
  const parsed = typeof volfile === 'string' ? parseVolfile(volfile) : parseVolfile(JSON.stringify(volfile));
  const vf = withNodeOption(parsed, 'protocol/client', 'ssl-dir', opts.sslDir ?? defaultSslDir());
  const log = opts.log ?? silentLogger();
  const graph = buildGraph(vf, opts.resolve ?? resolveXlator, log);
  try {
    await waitUsable(graph, vf, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, log);
  } catch (e) {
    await graph.close();
    throw e;
  }
  return new Volume(graph, vf, { identity: opts.identity ?? { uid: 0, gid: 0 }, spec });
}

/**
 * Fetches a volume's client volfile text from glusterd, through its local socket when this
 * process may open it. ECONNREFUSED, ENOTCONN, ETIMEDOUT, ENOENT, EACCES.
 */
export async function fetchVolfile(spec: VolumeSpec, opts: MountOptions = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = opts.log ?? silentLogger();
  const where = `glusterd at ${formatVolumeSpec(spec).replace(/\/[^/]*$/, '')}`;
  const { client } = await connectGlusterd(spec.host, spec.port, {
    socket: opts.glusterdSocket, sslDir: opts.sslDir, connectTimeoutMs: timeoutMs, callTimeoutMs: timeoutMs, log,
  }).catch((e: unknown) => { throw rewrap(e, `cannot reach ${where}`); });
  try {
    const text = await client.getSpec(spec.volume).catch((e: unknown) => { throw rewrap(e, `${where} gave no volfile for "${spec.volume}"`); });
    if (typeof text !== 'string') throw new FsError('EPROTO', `${where} answered getspec with a ${typeof text}`);
    return text;
  } finally {
    await client.close();
  }
}

function rewrap(e: unknown, what: string): FsError {
  const fe = FsError.from(e);
  const inner = fe.message === fe.code ? '' : fe.message.replace(`${fe.code}: `, '');
  return new FsError(fe.code, inner ? `${what} (${inner})` : what, fe.xlator);
}

/**
 * Waits until every brick is connected; after a short grace, settles for whatever is up (a
 * refused brick is indistinguishable from a slow one, and files on live bricks should not wait
 * for a dead one). ENOTCONN when no brick comes up within `timeoutMs`.
 */
async function waitUsable(graph: Graph, vf: Volfile, timeoutMs: number, log: Logger): Promise<void> {
  const bricks = replicaSets(vf).flat().map((n) => graph.xlators.get(n)!);
  if (bricks.length === 0) return;
  const isUp = (x: Xlator) => x.up !== false;
  const t0 = Date.now();
  for (;;) {
    const elapsed = Date.now() - t0;
    const live = bricks.filter(isUp).length;
    if (live === bricks.length) return;
    if (live > 0 && elapsed >= Math.min(GRACE_MS, timeoutMs)) {
      log.warn('mounted with bricks down', { volume: vf.volume, down: downBricks(graph, vf) });
      return;
    }
    if (elapsed >= timeoutMs) throw noBrick(vf, bricks);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * ENOTCONN naming why the bricks could not be reached; EACCES when they refused this client
 * (wrong credentials, address or certificate), which waiting longer will not change.
 */
function noBrick(vf: Volfile, bricks: Xlator[]): FsError {
  const reasons = [...new Set(bricks.map((b) => b.downReason).filter((r): r is string => !!r))];
  const refused = reasons.length > 0 && reasons.every((r) => /^EACCES\b/.test(r) || /refused|not allowed|credentials/.test(r));
  const why = reasons.length ? `: ${reasons.slice(0, 3).join('; ')}` : '';
  return new FsError(refused ? 'EACCES' : 'ENOTCONN', `no brick of volume ${vf.volume} is reachable${why}`);
}

function downBricks(graph: Graph, vf: Volfile): string[] {
  return replicaSets(vf).flat().filter((n) => graph.xlators.get(n)?.up === false);
}
