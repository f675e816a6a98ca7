import type { XlatorDef } from '../fop/index.js';

/**
 * Every translator type a volfile may name, keyed by its folder path under `xlators/`.
 * Compatibility aliases (GlusterFS's names) are listed here and nowhere else.
 */
const XLATORS: readonly XlatorDef[] = [
];

const ALIASES: Record<string, string> = {
  'cluster/distribute': 'cluster/dht',
  'cluster/replicate': 'cluster/afr',
};

const BY_TYPE = new Map(XLATORS.map((d) => [d.type, d]));

/** The translator definition for a volfile `type` (aliases resolved), or undefined. */
export function resolveXlator(type: string): XlatorDef | undefined {
  return BY_TYPE.get(ALIASES[type] ?? type);
}

/** Every registered translator definition. */
export function allXlators(): readonly XlatorDef[] {
  return XLATORS;
}
