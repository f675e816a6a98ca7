import type { Change } from './types.js';

/**
 * Quotes a path as glusterfind does by default: `%` → `%25`, space → `%20`, newline → `%0A`,
 * so every field of a line is one space-free word and every line one change. Other bytes
 * are left as they are (glusterfind's `--no-encode` output is the unquoted path).
 */
export function quotePath(path: string): string {
  return path.replaceAll('%', '%25').replaceAll(' ', '%20').replaceAll('\n', '%0A');
}

/** The inverse of {@link quotePath}, for consumers written in TypeScript. */
export function unquotePath(quoted: string): string {
  return quoted.replace(/%(25|20|0A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** One output line: `OP PATH [NEWPATH]` with quoted paths, or with `json` one JSON object. */
export function formatChange(c: Change, json: boolean): string {
  if (json) {
    return JSON.stringify({
      op: c.op, path: c.path, ...(c.newPath !== undefined ? { newPath: c.newPath } : {}), gfid: c.gfid,
      ...(c.type ? { type: c.type } : {}),
    });
  }
  return c.newPath === undefined ? `${c.op} ${quotePath(c.path)}` : `${c.op} ${quotePath(c.path)} ${quotePath(c.newPath)}`;
}
