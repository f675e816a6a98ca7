/**
 * `gfind changes …`: placeholder entry point, replaced by the change-feed work of issue #10
 * in this same session (src/changes/). Returns the exit code.
 */
export async function runChanges(argv: string[]): Promise<number> {
  process.stderr.write(`gfind: changes is not built yet (${argv.join(' ')})\n`);
  return 1;
}
