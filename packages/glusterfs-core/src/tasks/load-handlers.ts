import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FsError } from '../errors/index.js';
import { handlers as builtin } from './builtin.js';
import type { TaskHandler } from './types.js';

/**
 * Every handler available to a brick: core's built-ins, then each module's `handlers` export.
 * Modules are package names (resolved from core's location, so workspace packages such as
 * `gfind` are found) or absolute file paths. A package that is not installed is skipped (the
 * default list names gfind, which a server may not have); its tasks are then unknown. A module
 * that fails to load otherwise, exports no `handlers` array, or reuses a task name is EINVAL.
 */
export async function loadHandlers(modules: string[]): Promise<Map<string, TaskHandler>> {
  const byName = new Map<string, TaskHandler>();
  const add = (h: TaskHandler, from: string) => {
    if (!h || typeof h.name !== 'string' || typeof h.run !== 'function') {
      throw new FsError('EINVAL', `task module ${from} exports a handler without name/run`);
    }
    if (byName.has(h.name)) throw new FsError('EINVAL', `task "${h.name}" is defined twice (again by ${from})`);
    byName.set(h.name, h);
  };
  for (const h of builtin) add(h, 'glusterfs-core');
  for (const m of modules) {
    let mod: { handlers?: unknown };
    try {
      mod = (await import(isAbsolute(m) ? pathToFileURL(m).href : m)) as { handlers?: unknown };
    } catch (e) {
      if (!isAbsolute(m) && isMissingPackage(e, m)) continue;
      throw new FsError('EINVAL', `cannot load task module ${m}: ${(e as Error).message}`);
    }
    if (!Array.isArray(mod.handlers)) throw new FsError('EINVAL', `task module ${m} has no "handlers" array export`);
    for (const h of mod.handlers as TaskHandler[]) add(h, m);
  }
  return byName;
}

function isMissingPackage(e: unknown, name: string): boolean {
  const err = e as NodeJS.ErrnoException;
  return err?.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(`'${name}'`);
}
