import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { run } from '../main.ts';

function fakeIo(stdin = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from(stdin === '' ? [] : [stdin]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd: '/',
    out: () => out,
    err: () => err,
  };
}

describe('vigil cpe match', () => {
  it('prints the relation, the explanation and each attribute', async () => {
    const io = fakeIo();
    expect(await run(['cpe', 'match', 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', 'cpe:/a:openssl:openssl:1.0.2k'], io)).toBe(0);
    expect(io.out()).toMatch(/^CPE_SUPERSET \(target matches source\)/);
    expect(io.out()).toContain('lower confidence');
    expect(io.out()).toMatch(/version\s+ANY\s+1\.0\.2k\s+SUPERSET/);
  });

  it('prints JSON with --json', async () => {
    const io = fakeIo();
    expect(await run(['cpe', 'match', '--json', 'cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:libcurl:7.0:*:*:*:*:*:*:*'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { relation: string; matches: boolean; attributes: Record<string, string>; confidence: string };
    expect(json.relation).toBe('CPE_DISJOINT');
    expect(json.matches).toBe(false);
    expect(json.attributes.product).toBe('DISJOINT');
    expect(json.confidence).toBe('low');
  });

  it('exits 2 with a message for an invalid CPE or wrong arguments', async () => {
    const io = fakeIo();
    expect(await run(['cpe', 'match', 'cpe:2.3:a:x', 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*'], io)).toBe(2);
    expect(io.err()).toContain('CPE_INVALID');
    expect(await run(['cpe', 'match', 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*'], fakeIo())).toBe(2);
  });

  it('--batch compares each pair and reports invalid lines as errors', async () => {
    const io = fakeIo(
      [
        '{"source":"cpe:2.3:a:x:y:1.*:*:*:*:*:*:*:*","target":"cpe:2.3:a:x:y:1.5:*:*:*:*:*:*:*"}',
        '{"source":"cpe:2.3:a:x:y:2.0:*:*:*:*:*:*:*","target":"cpe:2.3:a:x:y:1.5:*:*:*:*:*:*:*"}',
        '{"source":"nope","target":"cpe:2.3:a:x:y:1.5:*:*:*:*:*:*:*"}',
        '{"source":"cpe:2.3:a:x:y:1.5:*:*:*:*:*:*:*"}',
        '[1,2]',
      ].join('\n'),
    );
    expect(await run(['cpe', 'match', '--batch'], io)).toBe(0);
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; relation?: string; error?: { code: string } });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ ok: true, relation: 'CPE_SUPERSET' });
    expect(lines[1]).toMatchObject({ ok: true, relation: 'CPE_DISJOINT' });
    expect(lines[2]).toMatchObject({ ok: false, error: { code: 'CPE_INVALID' } });
    expect(lines[3]).toMatchObject({ ok: false, error: { code: 'BATCH_LINE_INVALID' } });
    expect(lines[4]).toMatchObject({ ok: false, error: { code: 'BATCH_LINE_INVALID' } });
  });
});
