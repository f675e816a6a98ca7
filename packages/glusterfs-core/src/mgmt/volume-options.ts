import { FsError } from '../errors/index.js';
import { parseOptions, resolveXlator, type OptionSpec } from '../volume/index.js';

/**
 * Where a volume option takes effect: a translator of the client volfile (next mount, and the
 * self-heal daemon restarts), a translator of the brick volfile, or the glusterfsd command line
 * (both restart the bricks), or glusterd's self-heal daemon (`shd`: whether it runs, its
 * arguments).
 */
export type OptionGraph = 'client' | 'brick' | 'brick-process' | 'shd';

interface Decl {
  key: string;
  graph: OptionGraph;
  /** The translator type the option belongs to; absent for brick-process and shd options. */
  xlator?: string;
  /** The translator's option key, or the glusterfsd argument name. */
  option: string;
  /** Only for options that belong to no translator; translators' specs are looked up. */
  spec?: OptionSpec;
}

/**
 * The settable volume options (`gluster volume set`), GlusterFS keys → where they go. Options
 * of translators carry no spec here: type, validation, default and doc come from the
 * translator's own schema, so they are declared once.
 */
const DECLS: readonly Decl[] = [
  { key: 'cluster.lookup-optimize', graph: 'client', xlator: 'cluster/dht', option: 'lookup-optimize' },
  ...[
    'quorum-type', 'quorum-count', 'data-self-heal', 'metadata-self-heal', 'entry-self-heal',
    'background-self-heal-count', 'data-self-heal-algorithm', 'self-heal-block-size', 'eager-lock', 'post-op-delay-ms',
  ].map((option): Decl => ({ key: `cluster.${option}`, graph: 'client', xlator: 'cluster/afr', option })),
  {
    key: 'cluster.self-heal-daemon', graph: 'shd', option: 'self-heal-daemon',
    spec: {
      type: 'bool', default: true,
      doc: 'Run the self-heal daemon (glustershd) for this replicated volume on every server holding its bricks; off leaves heals to clients.',
    },
  },
  {
    key: 'cluster.heal-timeout', graph: 'shd', option: 'heal-timeout',
    spec: {
      type: 'int', default: 600, min: 5,
      doc: 'Seconds between the self-heal daemon\'s periodic index crawls (with several volumes on one server, the shortest applies).',
    },
  },
  { key: 'network.call-timeout', graph: 'client', xlator: 'protocol/client', option: 'call-timeout' },
  { key: 'network.ping-timeout', graph: 'client', xlator: 'protocol/client', option: 'ping-timeout' },
  { key: 'performance.short-circuit-read', graph: 'client', xlator: 'protocol/client', option: 'short-circuit-read' },
  { key: 'performance.short-circuit-min-read', graph: 'client', xlator: 'protocol/client', option: 'short-circuit-min-read' },
  ...[
    ['changelog.changelog', 'changelog'], ['changelog.rollover-time', 'rollover-time'],
    ['changelog.fsync-interval', 'fsync-interval'], ['changelog.retention-hours', 'retention-hours'],
  ].map(([key, option]): Decl => ({ key: key!, graph: 'brick', xlator: 'features/changelog', option: option! })),
  { key: 'storage.gfid2path', graph: 'brick', xlator: 'storage/posix', option: 'gfid2path' },
  ...[
    ['auth.allow', 'auth-allow'], ['auth.reject', 'auth-reject'], ['auth.ssl-allow', 'ssl-allow'], ['server.ssl', 'ssl'],
    ['server.root-squash', 'root-squash'], ['server.anonuid', 'anonuid'], ['server.anongid', 'anongid'],
  ].map(([key, option]): Decl => ({ key: key!, graph: 'brick', xlator: 'protocol/server', option: option! })),
  { key: 'client.ssl', graph: 'client', xlator: 'protocol/client', option: 'ssl' },
  {
    key: 'brick.task-modules', graph: 'brick-process', option: 'tasks',
    spec: {
      type: 'list', default: ['gfind'],
      doc: 'Comma-separated task handler modules (package names or absolute paths) each brick loads (gfind: find, glocate, the change feed and triggers; skipped when not installed); restarts the bricks.',
    },
  },
];

/** One settable volume option with its translator's spec resolved. */
export interface VolumeOption {
  /** GlusterFS-style key, `group.name`. */
  readonly key: string;
  readonly graph: OptionGraph;
  readonly xlator?: string;
  readonly option: string;
  readonly spec: OptionSpec;
}

function resolveDecl(d: Decl): VolumeOption {
  const spec = d.spec ?? (d.xlator ? resolveXlator(d.xlator)?.options[d.option] : undefined);
  // A broken table is a programmer error: fail at load, not at the first `volume set`.
  if (!spec) throw new Error(`volume option ${d.key}: ${d.xlator ?? 'glusterfsd'} has no option "${d.option}"`);
  return { key: d.key, graph: d.graph, ...(d.xlator ? { xlator: d.xlator } : {}), option: d.option, spec };
}

/** Every settable volume option by key, in table order. */
export const VOLUME_OPTIONS: ReadonlyMap<string, VolumeOption> = new Map(DECLS.map((d) => [d.key, resolveDecl(d)]));

/** The option called `key`; EINVAL saying how to list the valid keys otherwise. */
export function volumeOption(key: string): VolumeOption {
  const opt = VOLUME_OPTIONS.get(key);
  if (!opt) throw new FsError('EINVAL', `option ${key} does not exist. \`gluster volume set help\` lists the settable options.`);
  return opt;
}

/**
 * Checks `value` for option `key` with the translator's own validation and returns it as it
 * will be stored (trimmed). EINVAL for an unknown key or a bad value.
 */
export function checkOptionValue(key: string, value: string): string {
  const opt = volumeOption(key);
  const v = value.trim();
  parseOptions(opt.xlator ?? (opt.graph === 'shd' ? 'glustershd' : 'glusterfsd'), { [opt.option]: opt.spec }, { [opt.option]: v });
  return v;
}

/** The default of an option as `volume get` prints it (`on`/`off` for booleans). */
export function formatDefault(spec: OptionSpec): string {
  const d = spec.default;
  if (d === undefined) return '(null)';
  if (typeof d === 'boolean') return d ? 'on' : 'off';
  if (Array.isArray(d)) return d.length ? d.join(',') : '(null)';
  return String(d);
}

/**
 * The options a volume's record sets on translators of type `xlator` in graph `graph`, under
 * the translator's own keys, as volgen writes them into a volfile node.
 */
export function xlatorOptionsOf(
  options: Readonly<Record<string, string>>, graph: OptionGraph, xlator: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    const opt = VOLUME_OPTIONS.get(key);
    if (opt && opt.graph === graph && opt.xlator === xlator) out[opt.option] = value;
  }
  return out;
}

/** Whether the volume's bricks keep a change journal (`changelog.changelog`, on by default). */
export function changelogOn(options: Readonly<Record<string, string>>): boolean {
  const opt = volumeOption('changelog.changelog');
  const v = options[opt.key];
  const parsed = parseOptions(opt.xlator!, { [opt.option]: opt.spec }, v === undefined ? {} : { [opt.option]: v });
  return parsed[opt.option] === true;
}

/** The task handler modules a volume's bricks load (`brick.task-modules`, its default when unset). */
export function taskModulesOf(options: Readonly<Record<string, string>>): string[] {
  const raw = options['brick.task-modules'];
  if (raw === undefined) return [...(VOLUME_OPTIONS.get('brick.task-modules')!.spec.default as string[])];
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The certificate names a volume admits over TLS (`auth.ssl-allow`; `*` by default). */
export function sslAllowOf(options: Readonly<Record<string, string>>): string[] {
  return optionValue(options, 'auth.ssl-allow') as string[];
}

/** Whether the self-heal daemon serves a volume, by its options (`cluster.self-heal-daemon`). */
export function selfHealDaemonOn(options: Readonly<Record<string, string>>): boolean {
  return optionValue(options, 'cluster.self-heal-daemon') as boolean;
}

/** Seconds between periodic index crawls of a volume (`cluster.heal-timeout`). */
export function healTimeoutOf(options: Readonly<Record<string, string>>): number {
  return optionValue(options, 'cluster.heal-timeout') as number;
}

/** The typed value of option `key` in a volume's options (its default when unset). */
function optionValue(options: Readonly<Record<string, string>>, key: string): unknown {
  const opt = volumeOption(key);
  const raw = options[key];
  const parsed = parseOptions(key, { v: opt.spec }, raw === undefined ? {} : { v: raw });
  return (parsed as { v: unknown }).v;
}

/** True when setting or resetting `key` changes what brick processes run. */
export function affectsBricks(key: string): boolean {
  const g = VOLUME_OPTIONS.get(key)?.graph;
  return g === 'brick' || g === 'brick-process';
}
