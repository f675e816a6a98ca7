import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FOP_NAMES, allXlators, renderFopDocs, renderXlatorDocs, silentLogger } from '../src/index.js';

// Consistency checks that keep the tables honest (STYLE.md §5): one declaration, everything
// else derived or checked against it.
const pkgRoot = new URL('../../', import.meta.url).pathname;
const srcXlators = join(pkgRoot, 'src', 'xlators');

function xlatorFolders(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (existsSync(join(p, 'index.ts'))) out.push(relative(srcXlators, p));
    else xlatorFolders(p, out);
  }
  return out;
}

test('every translator folder is registered under its folder path and has a README', () => {
  const registered = new Set(allXlators().map((d) => d.type));
  for (const folder of xlatorFolders(srcXlators)) {
    assert.ok(registered.has(folder), `xlators/${folder} is not in volume/registry.ts`);
    assert.ok(existsSync(join(srcXlators, folder, 'README.md')), `xlators/${folder} has no README.md`);
    const lines = readFileSync(join(srcXlators, folder, 'README.md'), 'utf8').trim().split('\n').length;
    assert.ok(lines <= 30, `xlators/${folder}/README.md has ${lines} lines (≤ 30)`);
  }
});

test('every option of every translator is documented', () => {
  for (const def of allXlators()) {
    assert.ok(def.doc.length > 0, `${def.type} has no doc line`);
    for (const [key, spec] of Object.entries(def.options)) {
      assert.ok(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key), `${def.type}: option "${key}" is not kebab-case`);
      assert.ok(spec.doc.length > 0, `${def.type}: option "${key}" has no doc`);
    }
  }
});

test('the generated docs are up to date (npm run docs)', () => {
  assert.fixture(readFileSync(join(pkgRoot, 'docs', 'translators.md'), 'utf8'), renderXlatorDocs(allXlators()));
  assert.fixture(readFileSync(join(pkgRoot, 'docs', 'fops.md'), 'utf8'), renderFopDocs());
});

test('both storage translators implement every fop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
  try {
    for (const type of ['storage/posix', 'storage/memory']) {
      const def = allXlators().find((d) => d.type === type);
      assert.ok(def, `${type} is not registered`);
      const options = type === 'storage/posix' ? { directory: dir } : {};
      const x = def.create({ name: type, children: [], options: options as never, log: silentLogger(), emit: () => {} });
      for (const fop of FOP_NAMES) assert.type(x.fops[fop], 'function', `${type} does not implement ${fop}`);
      void x.close?.();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
