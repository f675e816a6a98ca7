import { readFileSync } from 'node:fs';

/** The client's account names: uid → user and gid → group, from /etc/passwd and /etc/group. */
export interface Accounts {
  users: Map<number, string>;
  groups: Map<number, string>;
  /** Name → id (first entry wins, as getpwnam). */
  userIds: Map<string, number>;
  groupIds: Map<string, number>;
}

/**
 * Reads the account files (`passwd`, `group`; missing files count as empty). As with find,
 * names are the client's view: bricks store numbers only.
 */
export function readAccounts(passwd = '/etc/passwd', group = '/etc/group'): Accounts {
  const a: Accounts = { users: new Map(), groups: new Map(), userIds: new Map(), groupIds: new Map() };
  for (const [name, id] of entries(passwd)) {
    if (!a.users.has(id)) a.users.set(id, name);
    if (!a.userIds.has(name)) a.userIds.set(name, id);
  }
  for (const [name, id] of entries(group)) {
    if (!a.groups.has(id)) a.groups.set(id, name);
    if (!a.groupIds.has(name)) a.groupIds.set(name, id);
  }
  return a;
}

function entries(file: string): [string, number][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: [string, number][] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && f[0] && /^\d+$/.test(f[2])) out.push([f[0], Number(f[2])]);
  }
  return out;
}
