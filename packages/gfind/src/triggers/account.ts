import { execFile } from 'node:child_process';
import { FsError } from 'glusterfs-core';
import type { RunAccount } from './env.js';

/**
 * Looks up the account a command runs as (`--run-as`, a name or a uid) in the system's user
 * database (`getent passwd`, so NSS sources count too). ENOENT when there is no such user.
 */
export function lookupAccount(user: string): Promise<RunAccount> {
  return new Promise((resolve, reject) => {
    execFile('getent', ['passwd', user], { timeout: 5000 }, (err, stdout) => {
      const fields = err ? undefined : stdout.split('\n')[0]?.split(':');
      if (!fields || fields.length < 7) {
        reject(new FsError('ENOENT', `no user ${JSON.stringify(user)} on this server (--run-as)`));
        return;
      }
      resolve({ name: fields[0]!, uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] || '/' });
    });
  });
}
