#!/usr/bin/env node
// Bundles the client commands (gfind, glocate, gtrigger, gfs) into one ES module each, after
// `tsc -b`. Node spends most of a short command's life resolving and loading ~270 small
// modules one by one (about 130 ms here); one file loads in a fraction of that, which is what
// a `glocate` or `gfind` answer is waiting for. Packages with native parts or worker files stay
// external and load from node_modules as usual. The bins use the bundle when it is there and
// fall back to the compiled modules.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const CLIS = [
  ['packages/gfind', 'gfind'], ['packages/gfind', 'glocate'], ['packages/gfind', 'gtrigger'],
  ['packages/glusterfs-core', 'gfs'],
];
const EXTERNAL = ['@napi-rs/xattr', 'piscina', 'apache-arrow', 'hyparquet', 'hyparquet-writer', 'commander'];

await Promise.all(CLIS.map(([pkg, name]) => build({
  entryPoints: [`${root}${pkg}/dist/src/cli/${name}.js`],
  outfile: `${root}${pkg}/dist/bundle/${name}.mjs`,
  bundle: true, platform: 'node', format: 'esm', target: 'node20', external: EXTERNAL, logLevel: 'warning',
  // Bundled CommonJS code (none of ours) may call require: give the module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
})));
