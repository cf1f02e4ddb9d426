/**
 * `npm run bench [NAME…]`: runs every bench/*.bench.ts (or the named ones). Each exports
 * `run(): Promise<void>` and prints its own figures and ratios. Not part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

process.stdout.write(`Vigil benchmarks — node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const file of files) {
  process.stdout.write(`\n== ${file.replace('.bench.ts', '')} ==\n`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    process.stdout.write(`(skipped: ${file} exports no run())\n`);
    continue;
  }
  await mod.run();
}
