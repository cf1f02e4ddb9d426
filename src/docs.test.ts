import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliDoc, configDoc } from '../scripts/gen-docs.ts';

// The reference docs are generated from the code; this fails when someone changes a config key or
// a command's help without regenerating them (node bin/run-ts.mjs scripts/gen-docs.ts).
describe('generated docs', () => {
  it('docs/config.md matches the config schema', () => {
    expect(readFileSync(new URL('../docs/config.md', import.meta.url), 'utf8')).toBe(configDoc());
  });
  it('docs/cli.md matches the commands', () => {
    expect(readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8')).toBe(cliDoc());
  });
});

describe('docs/errors.md', () => {
  it('lists every error code the code base throws', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) {
          if (n !== 'web') walk(p);
        } else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(new URL('.', import.meta.url).pathname);
    const codes = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:VigilError\(\s*|problem\(|readonly code = )'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    }
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const missing = [...codes].filter((c) => !doc.includes(`\`${c}\``)).sort();
    expect(codes.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
