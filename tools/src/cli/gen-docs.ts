import { writeFileSync } from 'node:fs';
import { allXlators, renderFopDocs, renderXlatorDocs } from 'glusterfs-core';

// Regenerates glusterfs-core's reference docs from the tables they describe (`npm run docs`).
const docs = new URL('../../../../packages/glusterfs-core/docs/', import.meta.url);
writeFileSync(new URL('translators.md', docs), renderXlatorDocs(allXlators()));
writeFileSync(new URL('fops.md', docs), renderFopDocs());
process.stdout.write('wrote packages/glusterfs-core/docs/{translators,fops}.md\n');
