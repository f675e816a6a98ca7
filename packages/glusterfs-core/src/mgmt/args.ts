import { FsError } from '../errors/index.js';

/** Argument `i` as a string; EINVAL naming the procedure otherwise. */
export function argString(args: unknown[], i: number, proc: string): string {
  const v = args[i];
  if (typeof v !== 'string' || !v) throw new FsError('EINVAL', `${proc}: argument ${i + 1} must be a non-empty string`);
  return v;
}

/** Argument `i` as a string, or null when absent. */
export function argOptString(args: unknown[], i: number, proc: string): string | null {
  return args[i] === undefined || args[i] === null ? null : argString(args, i, proc);
}

/** Argument `i` as a boolean (absent = false). */
export function argBool(args: unknown[], i: number): boolean {
  return args[i] === true;
}

/** Argument `i` as a port number, or null when absent. */
export function argOptPort(args: unknown[], i: number, proc: string): number | null {
  const v = args[i];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) {
    throw new FsError('EINVAL', `${proc}: argument ${i + 1} must be a TCP port`);
  }
  return v;
}

/** Argument `i` as a plain object of type T (shape trusted: it comes from our own peers/CLI). */
export function argObject<T>(args: unknown[], i: number, proc: string): T {
  const v = args[i];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FsError('EINVAL', `${proc}: argument ${i + 1} must be an object`);
  return v as T;
}

/** Argument `i` as an array of T. */
export function argArray<T>(args: unknown[], i: number, proc: string): T[] {
  const v = args[i];
  if (!Array.isArray(v)) throw new FsError('EINVAL', `${proc}: argument ${i + 1} must be a list`);
  return v as T[];
}
