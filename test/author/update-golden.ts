/** Rewrites the golden .html files from their .md inputs: `npx tsx test/author/update-golden.ts`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { goldenDir, goldenInputs, renderGolden } from './golden.js';

for (const name of await goldenInputs()) {
  const target = join(goldenDir, name.replace(/\.md$/, '.html'));
  await writeFile(target, await renderGolden(name));
  process.stdout.write(`${target}\n`);
}
