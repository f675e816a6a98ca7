import { readFileSync } from 'node:fs';

/** Users and groups known to this host's `/etc/passwd` and `/etc/group`. */
export interface OsAccounts {
  uidByName: Map<string, number>;
  nameByUid: Map<number, string>;
  gidByName: Map<string, number>;
  nameByGid: Map<number, string>;
  /** Group names each user belongs to (primary group first). */
  groupsByUser: Map<string, string[]>;
}

function lines(file: string): string[][] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
  } catch {
    return [];
  }
}

/**
 * Reads the host's account files, as HDFS's default group mapping asks the OS. Missing files
 * give empty maps (names then come only from the volume's registry).
 */
export function readOsAccounts(passwd = '/etc/passwd', group = '/etc/group'): OsAccounts {
  const a: OsAccounts = {
    uidByName: new Map(), nameByUid: new Map(), gidByName: new Map(), nameByGid: new Map(), groupsByUser: new Map(),
  };
  const primary = new Map<string, number>();
  for (const [name, , uid, gid] of lines(passwd)) {
    if (!name || !/^\d+$/.test(uid ?? '')) continue;
    a.uidByName.set(name, Number(uid));
    if (!a.nameByUid.has(Number(uid))) a.nameByUid.set(Number(uid), name);
    primary.set(name, Number(gid));
  }
  for (const [name, , gid, members] of lines(group)) {
    if (!name || !/^\d+$/.test(gid ?? '')) continue;
    a.gidByName.set(name, Number(gid));
    if (!a.nameByGid.has(Number(gid))) a.nameByGid.set(Number(gid), name);
    for (const m of (members ?? '').split(',').filter(Boolean)) {
      a.groupsByUser.set(m, [...(a.groupsByUser.get(m) ?? []), name]);
    }
  }
  for (const [user, gid] of primary) {
    const g = a.nameByGid.get(gid);
    if (g) a.groupsByUser.set(user, [g, ...(a.groupsByUser.get(user) ?? []).filter((x) => x !== g)]);
  }
  return a;
}
