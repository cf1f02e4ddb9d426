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
