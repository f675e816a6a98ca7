import { FOPS } from '../fop/index.js';
import type { XlatorDef } from '../fop/index.js';

/**
 * The translator reference (types, one-line purpose, every option with type, default and doc),
 * rendered from the registered definitions so it cannot drift from the schemas.
 */
export function renderXlatorDocs(defs: readonly XlatorDef[]): string {
  const out = ['# Translators', '', 'Generated from the option schemas by `npm run docs`; do not edit by hand.', ''];
  for (const def of [...defs].sort((a, b) => a.type.localeCompare(b.type))) {
    out.push(`## \`${def.type}\``, '', def.doc, '');
    const opts = Object.entries(def.options);
    if (opts.length === 0) { out.push('No options.', ''); continue; }
    out.push('| option | type | default | meaning |', '|---|---|---|---|');
    for (const [key, spec] of opts) {
      const type = spec.type === 'enum' ? spec.values.join(' \\| ') : spec.type;
      const dflt = spec.default === undefined ? '—' : `\`${Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)}\``;
      out.push(`| \`${key}\` | ${type} | ${dflt} | ${spec.doc} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The fop list with each argument's wire kind, rendered from {@link FOPS}. */
export function renderFopDocs(): string {
  const out = ['# Fops', '', 'Generated from `FOPS` (src/fop/fops.ts) by `npm run docs`; do not edit by hand.',
    'Every fop takes a `CallCtx` first; the wire number is the row order.', '', '| # | fop | arguments after ctx |', '|---|---|---|'];
  Object.entries(FOPS).forEach(([name, args], i) => out.push(`| ${i} | \`${name}\` | ${args.join(', ')} |`));
  return out.join('\n') + '\n';
}
