import { formatBrick, type VolumeRecord, type VolumeStatusReport } from '../../mgmt/index.js';
import { formatJournals } from './format-journal.js';

/**
 * `Number of Bricks:` as GlusterFS prints it: `4` for distribute, `2 x 2 = 4` with replicas,
 * `1 x (2 + 1) = 3` with an arbiter.
 */
function brickCount(v: VolumeRecord): string {
  const n = v.bricks.length;
  if (v.replicaCount <= 1) return String(n);
  const perSet = v.arbiterCount ? `(${v.replicaCount - v.arbiterCount} + ${v.arbiterCount})` : String(v.replicaCount);
  return `${n / v.replicaCount} x ${perSet} = ${n}`;
}

/** True for the arbiter bricks: the last of each replica set of an arbiter volume. */
function isArbiter(v: VolumeRecord, index: number): boolean {
  return !!v.arbiterCount && v.replicaCount > 1 && index % v.replicaCount === v.replicaCount - 1;
}

/** One volume's `volume info` block, GlusterFS's layout (with the blank line before it). */
export function formatVolumeInfo(v: VolumeRecord): string {
  const lines = [
    '',
    `Volume Name: ${v.name}`,
    `Type: ${v.type}`,
    `Volume ID: ${v.id}`,
    `Status: ${v.status}`,
    'Snapshot Count: 0',
    `Number of Bricks: ${brickCount(v)}`,
    `Transport-type: ${v.transport}`,
    'Bricks:',
    ...v.bricks.map((b, i) => `Brick${i + 1}: ${formatBrick(b)}${isArbiter(v, i) ? ' (arbiter)' : ''}`),
  ];
  const opts = Object.entries(v.options);
  if (opts.length) lines.push('Options Reconfigured:', ...opts.map(([k, val]) => `${k}: ${val}`));
  return lines.join('\n') + '\n';
}

const COL = 45;
const RULE = '-'.repeat(78);

function row(name: string, port: string, rdma: string, online: string, pid: string): string {
  const cols = `${port.padEnd(10)}${rdma.padEnd(11)}${online.padEnd(8)}${pid}`;
  // A long process name goes on its own line with the columns under it, as GlusterFS does.
  return name.length < COL ? `${name.padEnd(COL)}${cols}` : `${name}\n${''.padEnd(COL)}${cols}`;
}

/** One volume's `volume status` block in GlusterFS's layout. */
export function formatVolumeStatus(r: VolumeStatusReport): string {
  const lines = [
    `Status of volume: ${r.name}`,
    row('Gluster process', 'TCP Port', 'RDMA Port', 'Online', 'Pid'),
    RULE,
    ...r.bricks.map((b) => row(`Brick ${formatBrick(b)}`, b.online && b.port !== null ? String(b.port) : 'N/A',
      b.online ? '0' : 'N/A', b.online ? 'Y' : 'N', b.pid !== null ? String(b.pid) : 'N/A')),
    // Daemons have no port a client uses: GlusterFS prints N/A in both port columns.
    ...(r.selfHeal ?? []).map((d) => row(`Self-heal Daemon on ${d.host}`, 'N/A', 'N/A', d.online ? 'Y' : 'N',
      d.online && d.pid !== null ? String(d.pid) : 'N/A')),
    ' ',
    `Task Status of Volume ${r.name}`,
    RULE,
    ...tasksOf(r),
    ' ',
    ...formatJournals(r.name, r.bricks),
  ];
  const notes = [
    ...r.bricks.filter((b) => !b.online && b.error).map((b) => `Brick ${formatBrick(b)} is offline: ${b.error}`),
    ...(r.selfHeal ?? []).filter((d) => !d.online && d.error).map((d) => `Self-heal Daemon on ${d.host} is offline: ${d.error}`),
  ];
  return lines.join('\n') + '\n' + (notes.length ? notes.join('\n') + '\n' : '');
}

// Heal crawls are the volume's running tasks (GlusterFS lists rebalance and remove-brick here).
function tasksOf(r: VolumeStatusReport): string[] {
  const crawls = (r.selfHeal ?? []).filter((d) => d.crawl);
  if (crawls.length === 0) return ['There are no active volume tasks'];
  return crawls.map((d) => {
    const c = d.crawl!;
    return `Self-heal on ${d.host}: ${c.kind} crawl in progress, ${c.done}/${c.total} entries, ${c.healed} healed, `
      + `${c.splitBrain} in split-brain, ${c.bytesMoved} bytes moved`;
  });
}
