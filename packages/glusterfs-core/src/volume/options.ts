import { FsError } from '../errors/index.js';

/** One option of a translator: its type, default and a line of documentation. */
export type OptionSpec =
  | { type: 'string'; default?: string; doc: string }
  | { type: 'int'; default?: number; min?: number; max?: number; doc: string }
  | { type: 'bool'; default?: boolean; doc: string }
  | { type: 'enum'; values: readonly string[]; default?: string; doc: string }
  | { type: 'list'; default?: string[]; doc: string };

/** A translator's option schema: volfile key (kebab-case) → spec. */
export type OptionSchema = Record<string, OptionSpec>;

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type ValueOf<S extends OptionSpec> =
  S extends { type: 'int' } ? number :
  S extends { type: 'bool' } ? boolean :
  S extends { type: 'list' } ? string[] :
  S extends { type: 'enum'; values: readonly (infer V)[] } ? V : string;

/**
 * The parsed options of a schema, keyed by camelCase field. An option without a default may be
 * absent (undefined).
 */
export type OptionsOf<S extends OptionSchema> = {
  [K in keyof S & string as Camel<K>]: S[K] extends { default: unknown } ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

/** Declares a schema, keeping its literal types so {@link OptionsOf} can derive the fields. */
export function defineOptions<const S extends OptionSchema>(schema: S): S {
  return schema;
}

/**
 * Validates raw volfile options (strings, numbers, booleans or lists) against `schema` and returns
 * them under camelCase names with defaults filled in. Unknown keys and bad values are EINVAL,
 * naming the translator and the key.
 */
export function parseOptions<S extends OptionSchema>(
  xlator: string, schema: S, raw: Record<string, unknown>,
): OptionsOf<S> {
  for (const key of Object.keys(raw)) {
    if (!(key in schema)) throw new FsError('EINVAL', `${xlator}: unknown option "${key}"`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const v = key in raw ? coerce(xlator, key, spec, raw[key]) : spec.default;
    out[camel(key)] = v;
  }
  return out as OptionsOf<S>;
}

function coerce(xlator: string, key: string, spec: OptionSpec, v: unknown): unknown {
  const bad = (why: string) => new FsError('EINVAL', `${xlator}: option "${key}" ${why} (got ${JSON.stringify(v)})`);
  switch (spec.type) {
    case 'string': return String(v);
    case 'int': {
      const n = typeof v === 'number' ? v : Number(String(v));
      if (!Number.isInteger(n)) throw bad('must be an integer');
      if (spec.min !== undefined && n < spec.min) throw bad(`must be ≥ ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw bad(`must be ≤ ${spec.max}`);
      return n;
    }
    case 'bool': {
      if (typeof v === 'boolean') return v;
      const s = String(v).toLowerCase();
      if (['on', 'yes', 'true', 'enable', '1'].includes(s)) return true;
      if (['off', 'no', 'false', 'disable', '0'].includes(s)) return false;
      throw bad('must be on or off');
    }
    case 'enum':
      if (!spec.values.includes(String(v))) throw bad(`must be one of ${spec.values.join(', ')}`);
      return String(v);
    case 'list':
      return Array.isArray(v) ? v.map(String) : String(v).split(',').map((s) => s.trim()).filter(Boolean);
  }
}

function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
