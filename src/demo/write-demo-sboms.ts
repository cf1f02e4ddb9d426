/**
 * Writes the demo SBOMs to src/demo/sboms/ (run: node bin/run-ts.mjs src/demo/write-demo-sboms.ts).
 * The output is deterministic; demo.test.ts fails when the committed files differ from a fresh build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoSboms, serialiseDemoSbom } from './build-demo-sboms.ts';

const dir = join(import.meta.dirname, 'sboms');
mkdirSync(dir, { recursive: true });
for (const { file, document } of buildDemoSboms()) {
  writeFileSync(join(dir, file), serialiseDemoSbom(document));
  process.stdout.write(`${file}\n`);
}
