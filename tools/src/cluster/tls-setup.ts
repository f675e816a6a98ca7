import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTlsDir, TLS_FILES } from 'glusterfs-core';
import type { ClusterHome } from './home.js';

/**
 * Turns management TLS on for a home's glusterd before it starts, as an administrator would on
 * each server: the CA, certificate and key from `sslDir` (`glusterfs.ca/.pem/.key`, checked to
 * be readable) go to glusterd's `ssl/` directory (the key readable by its owner only), and the
 * `secure-access` file is created. EINVAL/ENOENT with what is missing.
 */
export function installTls(h: ClusterHome, sslDir: string): void {
  loadTlsDir(sslDir);
  mkdirSync(h.ssl, { recursive: true, mode: 0o700 });
  for (const name of Object.values(TLS_FILES)) copyFileSync(join(sslDir, name), join(h.ssl, name));
  chmodSync(join(h.ssl, TLS_FILES.key), 0o600);
  writeFileSync(join(h.workdir, 'secure-access'), '');
}

/** True when the home's glusterd runs with management TLS (its `secure-access` file exists). */
export function tlsInstalled(h: ClusterHome): boolean {
  return existsSync(join(h.workdir, 'secure-access'));
}
