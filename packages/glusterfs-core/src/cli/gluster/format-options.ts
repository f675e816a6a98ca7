import { formatDefault, type OptionValue, type VolumeOption } from '../../mgmt/index.js';
import type { OptionSpec } from '../../volume/index.js';

/** `volume get`'s table, GlusterFS's two 40-column fields. */
export function formatOptionTable(rows: readonly OptionValue[]): string {
  const line = (a: string, b: string) => `${a.padEnd(40)}${b}`.trimEnd();
  return [line('Option', 'Value'), line('------', '-----'), ...rows.map((r) => line(r.option, r.value))].join('\n') + '\n';
}

function typeOf(spec: OptionSpec): string {
  switch (spec.type) {
    case 'bool': return 'bool (on/off)';
    case 'int': return `int${spec.min !== undefined ? `, ≥ ${spec.min}` : ''}${spec.max !== undefined ? `, ≤ ${spec.max}` : ''}`;
    case 'enum': return `one of ${spec.values.join(', ')}`;
    case 'list': return 'comma-separated list';
    case 'string': return 'string';
  }
}

const WHERE = {
  client: 'client volfile, next mount; the self-heal daemon reloads',
  brick: 'brick volfile, restarts bricks',
  'brick-process': 'brick process, restarts bricks',
  shd: 'glusterd: starts, stops or restarts the self-heal daemon',
} as const;

function target(o: VolumeOption): string {
  if (o.xlator) return `${o.xlator} ${o.option}`;
  return o.graph === 'shd' ? `glustershd ${o.option}` : `glusterfsd --${o.option}`;
}

/** `volume set help`: every settable option with its type, default, target and doc. */
export function formatOptionHelp(opts: Iterable<VolumeOption>): string {
  const blocks = [...opts].map((o) => [
    `Option: ${o.key}`,
    `Default Value: ${formatDefault(o.spec)}`,
    `Type: ${typeOf(o.spec)}`,
    `Applies to: ${target(o)} (${WHERE[o.graph]})`,
    `Description: ${o.spec.doc}`,
  ].join('\n'));
  return blocks.join('\n\n') + '\n';
}
