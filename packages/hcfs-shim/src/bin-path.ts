import { fileURLToPath } from 'node:url';

// Compiled to <package>/dist/src/bin-path.js; the bin entry script sits in <package>/bin.
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The `hcfs-shim` entry script, for spawning it with `process.execPath`. */
export const SHIM_BIN = `${PACKAGE_ROOT}bin/hcfs-shim.js`;
