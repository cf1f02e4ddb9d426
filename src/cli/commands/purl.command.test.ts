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

describe('vigil purl parse', () => {
  it('prints the normalised components', async () => {
    const io = fakeIo();
    expect(await run(['purl', 'parse', 'pkg:Maven/org.apache.logging.log4j/log4j-core@2.14.1?Type=jar'], io)).toBe(0);
    expect(io.out()).toMatch(/namespace\s+org\.apache\.logging\.log4j/);
    expect(io.out()).toMatch(/canonical\s+pkg:maven\/org\.apache\.logging\.log4j\/log4j-core@2\.14\.1\?type=jar/);
    expect(io.out()).toMatch(/OSV ecosystem\s+Maven/);
  });

  it('prints JSON with --json', async () => {
    const io = fakeIo();
    expect(await run(['purl', 'parse', '--json', 'pkg:PYPI/Django_package@1.11.1'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { purl: string; components: { name: string }; packageKey: string; scheme: string };
    expect(json.purl).toBe('pkg:pypi/django-package@1.11.1');
    expect(json.components.name).toBe('django-package');
    expect(json.packageKey).toBe('pkg:pypi/django-package');
    expect(json.scheme).toBe('pypi');
  });

  it('exits 2 with a message for an invalid purl', async () => {
    const io = fakeIo();
    expect(await run(['purl', 'parse', 'pkg:maven/io@1'], io)).toBe(2);
    expect(io.err()).toContain('PURL_INVALID');
    expect(io.out()).toBe('');
  });

  it('exits 2 for a missing argument or unknown flag', async () => {
    expect(await run(['purl', 'parse'], fakeIo())).toBe(2);
    expect(await run(['purl', 'parse', '--nope', 'pkg:npm/a'], fakeIo())).toBe(2);
    expect(await run(['purl', 'parse', '--batch', 'pkg:npm/a'], fakeIo())).toBe(2);
  });

  it('--batch prints one result per line and reports bad lines as errors', async () => {
    const io = fakeIo('{"purl":"pkg:NPM/foo@1"}\nnot json\n{"purl":"pkg:maven/io"}\n\n{"other":1}\n{"purl":"pkg:deb/debian/curl@7?distro=bookworm"}\n');
    expect(await run(['purl', 'parse', '--batch'], io)).toBe(0);
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; ok: boolean; purl?: string; osvEcosystem?: string; error?: { code: string } });
    expect(lines.map((l) => [l.line, l.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [5, false],
      [6, true],
    ]);
    expect(lines[0]!.purl).toBe('pkg:npm/foo@1');
    expect(lines[1]!.error!.code).toBe('BATCH_LINE_INVALID');
    expect(lines[2]!.error!.code).toBe('PURL_INVALID');
    expect(lines[4]!.osvEcosystem).toBe('Debian:12');
  });

  it('--batch streams: a result is written before stdin ends', async () => {
    const stdin = new Readable({ read() {} });
    let out = '';
    const io: CliIo = { stdin, stdout: { write: (c: string) => (out += c) }, stderr: { write: () => true }, env: {}, cwd: '/' };
    const done = run(['purl', 'normalize', '--batch'], io);
    stdin.push('{"purl":"pkg:NPM/A@1"}\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('"purl":"pkg:npm/a@1"');
    stdin.push(null);
    expect(await done).toBe(0);
  });
});

describe('vigil purl normalize', () => {
  it('prints the canonical string', async () => {
    const io = fakeIo();
    expect(await run(['purl', 'normalize', 'pkg:PYPI/Django_package@1.11.1.dev1'], io)).toBe(0);
    expect(io.out()).toBe('pkg:pypi/django-package@1.11.1.dev1\n');
  });

  it('exits 2 for an invalid purl', async () => {
    const io = fakeIo();
    expect(await run(['purl', 'normalize', 'EnterpriseLibrary.Common@6.0.1304'], io)).toBe(2);
    expect(io.err()).toContain("the 'pkg:' scheme is required");
  });

  it('--batch gives input and canonical purl per line', async () => {
    const io = fakeIo('{"purl":"pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/"}\n');
    expect(await run(['purl', 'normalize', '--batch'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      line: 1,
      ok: true,
      input: 'pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/',
      purl: 'pkg:golang/google.golang.org/genproto#googleapis/api/annotations',
    });
  });
});
