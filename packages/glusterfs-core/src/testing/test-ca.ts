import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsMaterial } from '../rpc/index.js';

/** A throwaway certificate authority made with Debian's `openssl`, issuing certificates by name. */
export interface TestCa {
  readonly dir: string;
  /** The CA certificate (what clients trust: `curl --cacert`). */
  readonly caFile: string;
  /**
   * A certificate for common name `cn` signed by this CA, as TLS material. Its subject
   * alternative name is `cn` too (an IP address or a DNS name), so clients that check host
   * names (curl) accept it for that host.
   */
  issue(cn: string): TlsMaterial;
  /** Writes an issued identity as `glusterfs.pem/.key/.ca` into `dir` (GlusterFS's names). */
  install(cn: string, dir: string): void;
  /** Deletes the CA's directory. */
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a new CA (EC P-256, valid one day) in a temp directory. */
export function makeTestCa(name = 'gluster-ts test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'gts-ca-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', '1', '-subj', `/CN=${name}`], dir);
  const files = (cn: string) => {
    const base = join(dir, cn.replace(/[^A-Za-z0-9.-]/g, '_'));
    try {
      readFileSync(`${base}.pem`);
    } catch {
      openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`,
        '-subj', `/CN=${cn}`], dir);
      writeFileSync(`${base}.ext`, `subjectAltName=${/^[\d.]+$/.test(cn) ? 'IP' : 'DNS'}:${cn}\n`);
      openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${base}.pem`, '-days', '1',
        '-extfile', `${base}.ext`], dir);
    }
    return { cert: `${base}.pem`, key: `${base}.key`, ca: join(dir, 'ca.pem') };
  };
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    issue(cn) {
      const f = files(cn);
      return { cert: readFileSync(f.cert), key: readFileSync(f.key), ca: readFileSync(f.ca) };
    },
    install(cn, target) {
      const f = files(cn);
      mkdirSync(target, { recursive: true });
      copyFileSync(f.cert, join(target, 'glusterfs.pem'));
      copyFileSync(f.key, join(target, 'glusterfs.key'));
      copyFileSync(f.ca, join(target, 'glusterfs.ca'));
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
