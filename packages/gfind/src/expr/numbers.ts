import type { Cmp } from './ast.js';

/** `+N` / `-N` / `N` with a non-negative decimal integer N, or undefined. */
export function parseCmpInt(text: string): { cmp: Cmp; n: number } | undefined {
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  return { cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]) };
}

/** As {@link parseCmpInt}, with a fractional N allowed (find's -mtime 1.5). */
export function parseCmpFloat(text: string): { cmp: Cmp; n: number } | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)$/.exec(text);
  if (!m) return undefined;
  return { cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]) };
}

const SIZE_UNITS: Record<string, number> = { '': 512, b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30 };

/** -size's argument: `[+-]N[bcwkMG]` (default unit: 512-byte blocks). Throws find's message. */
export function parseSize(text: string): { cmp: Cmp; n: number; unit: number } {
  const m = /^([+-]?)(\d+)(.*)$/.exec(text);
  if (!m) throw new Error(`Invalid argument '${text}' to -size`);
  const unit = SIZE_UNITS[m[3]];
  if (unit === undefined) {
    if (m[3].length === 1) throw new Error(`invalid -size type '${m[3]}'`);
    throw new Error(`Invalid argument '${text}' to -size`);
  }
  return { cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]), unit };
}

/** `a cmp b` for find's +N/-N/N. */
export function compare(value: number, cmp: Cmp, n: number): boolean {
  return cmp === 0 ? value === n : cmp > 0 ? value > n : value < n;
}
