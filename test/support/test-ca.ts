import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway certificate authority made with Debian's `openssl`, for HTTPS tests. */
export interface TestCa {
  readonly dir: string;
  /** The CA certificate (what clients trust: `curl --cacert`). */
  readonly caFile: string;
  /**
   * Writes a server identity for `host` (common name and IP subject alternative name) signed
   * by this CA into `target` as `glusterfs.pem`, `glusterfs.key` and `glusterfs.ca`, the names
   * `hcfs-shim --ssl-dir` reads.
   */
  install(host: string, target: string): void;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a new CA (EC P-256, valid one day) in a temp directory. */
export function makeTestCa(name = 'gluster-ts e2e CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'gts-e2e-ca-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', '1', '-subj', `/CN=${name}`], dir);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    install(host, target) {
      const base = join(dir, host.replace(/[^A-Za-z0-9.-]/g, '_'));
      openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`,
        '-subj', `/CN=${host}`], dir);
      // curl checks the address it dialled against the subject alternative names.
      writeFileSync(`${base}.ext`, `subjectAltName=${/^[\d.]+$/.test(host) ? 'IP' : 'DNS'}:${host}\n`);
      openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${base}.pem`, '-days', '1',
        '-extfile', `${base}.ext`], dir);
      mkdirSync(target, { recursive: true });
      copyFileSync(`${base}.pem`, join(target, 'glusterfs.pem'));
      copyFileSync(`${base}.key`, join(target, 'glusterfs.key'));
      copyFileSync(join(dir, 'ca.pem'), join(target, 'glusterfs.ca'));
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
