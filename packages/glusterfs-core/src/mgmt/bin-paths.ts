import { fileURLToPath } from 'node:url';

// This file is compiled to <package>/dist/src/mgmt/bin-paths.js; the bin stubs sit in <package>/bin.
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The executable entry scripts of glusterfs-core, for spawning them with `process.execPath`. */
export const CORE_BINS = {
  glusterd: `${PACKAGE_ROOT}bin/glusterd.js`,
  glusterfsd: `${PACKAGE_ROOT}bin/glusterfsd.js`,
  glustershd: `${PACKAGE_ROOT}bin/glustershd.js`,
  gluster: `${PACKAGE_ROOT}bin/gluster.js`,
  gfs: `${PACKAGE_ROOT}bin/gfs.js`,
} as const;
