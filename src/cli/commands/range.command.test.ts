import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { run } from '../main.ts';

function fakeIo(stdin = '', cwd = '/'): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from(stdin === '' ? [] : [stdin]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

const osvRecord = {
  id: 'TEST-2026-0001',
  affected: [
    { package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.3.1' }] }] },
    { package: { ecosystem: 'PyPI', name: 'leftpad' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] },
  ],
};

function osvFile(record: unknown = osvRecord): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-range-'));
  const file = join(dir, 'osv.json');
  writeFileSync(file, JSON.stringify(record));
  return { dir, file };
}

describe('vigil range contains', () => {
  it('exits 1 and explains an affected version', async () => {
    const io = fakeIo();
    expect(await run(['range', 'contains', 'vers:npm/>=1.0.0|<1.2.5', '1.2.3'], io)).toBe(1);
    expect(io.out()).toBe('affected: 1.2.3 ≥ 1.0.0 and < 1.2.5 (npm)\n');
  });

  it('exits 0 when not affected', async () => {
    const io = fakeIo();
    expect(await run(['range', 'contains', 'vers:npm/>=1.0.0|<1.2.5', '1.2.5'], io)).toBe(0);
    expect(io.out()).toMatch(/^not-affected: 1\.2\.5 is outside/);
  });

  it('exits 1 with status indeterminate for an unparseable version or range (--json)', async () => {
    const io = fakeIo();
    expect(await run(['range', 'contains', '--json', 'vers:npm/>=1.0.0|<1.2.5', 'banana'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ status: 'indeterminate', scheme: 'npm' });
    const io2 = fakeIo();
    expect(await run(['range', 'contains', 'vers:nosuchtype/1.0', '1.0'], io2)).toBe(1);
    expect(io2.out()).toMatch(/^indeterminate: /);
  });

  it('exits 2 for usage errors', async () => {
    expect(await run(['range', 'contains', 'vers:npm/1.0.0'], fakeIo())).toBe(2);
    expect(await run(['range', 'contains', '--nope', 'a', 'b'], fakeIo())).toBe(2);
    expect(await run(['range', 'contains', '--package', 'x', 'vers:npm/1.0.0', '1.0.0'], fakeIo())).toBe(2);
  });

  it('evaluates an OSV record, selecting the entry by package and ecosystem', async () => {
    const { dir } = osvFile();
    const io = fakeIo('', dir);
    expect(await run(['range', 'contains', '--osv', 'osv.json', '--package', 'left-pad', '1.2.0'], io)).toBe(1);
    expect(io.out()).toBe('affected: 1.2.0 ≥ introduced 1.0.0 and < fixed 1.3.1 (semver, SEMVER range of npm/left-pad)\n');
    const io2 = fakeIo('', dir);
    expect(await run(['range', 'contains', '--osv', 'osv.json', '--ecosystem', 'PyPI', '--json', '2.0'], io2)).toBe(0);
    expect(JSON.parse(io2.out())).toMatchObject({ status: 'not-affected', scheme: 'pypi' });
  });

  it('defaults to the only affected entry and refuses an ambiguous record', async () => {
    const single = osvFile({ affected: [osvRecord.affected[0]] });
    expect(await run(['range', 'contains', '--osv', single.file, '1.3.1'], fakeIo())).toBe(0);
    const both = osvFile();
    const io = fakeIo();
    expect(await run(['range', 'contains', '--osv', both.file, '1.0.0'], io)).toBe(2);
    expect(io.err()).toContain('2 affected entries match');
  });

  it('exits 3 when the OSV file cannot be read and 2 when it is not JSON', async () => {
    const { dir } = osvFile();
    expect(await run(['range', 'contains', '--osv', join(dir, 'missing.json'), '1.0.0'], fakeIo())).toBe(3);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    expect(await run(['range', 'contains', '--osv', bad, '1.0.0'], fakeIo())).toBe(2);
  });

  it('streams --batch results, errors as results, worst exit code', async () => {
    const lines = [
      JSON.stringify({ range: 'vers:npm/>=1.0.0|<2.0.0', version: '1.5.0' }),
      JSON.stringify({ range: 'vers:npm/>=1.0.0|<2.0.0', version: '2.5.0' }),
      'not json',
      JSON.stringify({ version: '1.0.0' }),
      JSON.stringify({ osv: osvRecord, package: 'leftpad', version: '1.0' }),
      '',
    ].join('\n');
    const io = fakeIo(lines);
    expect(await run(['range', 'contains', '--batch'], io)).toBe(1);
    const out = io.out().trim().split('\n').map((l) => JSON.parse(l) as { line: number; status: string; reason: string });
    expect(out.map((r) => [r.line, r.status])).toEqual([
      [1, 'affected'],
      [2, 'not-affected'],
      [3, 'indeterminate'],
      [4, 'indeterminate'],
      [5, 'affected'],
    ]);
    expect(out[2]!.reason).toMatch(/^not JSON/);
  });

  it('--batch exits 0 when every line is not affected', async () => {
    const io = fakeIo(`${JSON.stringify({ range: 'vers:pypi/<1.0', version: '1.0' })}\n`);
    expect(await run(['range', 'contains', '--batch'], io)).toBe(0);
  });
});

describe('vigil range normalize', () => {
  it('prints the canonical form', async () => {
    const io = fakeIo();
    expect(await run(['range', 'normalize', 'vers:npm/<2.0.0|>=1.0.0|>=1.0.0|1.5.0'], io)).toBe(0);
    expect(io.out()).toBe('vers:npm/>=1.0.0|<2.0.0\n');
  });
  it('--sort-only keeps every constraint', async () => {
    const io = fakeIo();
    expect(await run(['range', 'normalize', '--sort-only', 'vers:npm/<2.0.0|>=1.0.0|>=1.0.0'], io)).toBe(0);
    expect(io.out()).toBe('vers:npm/>=1.0.0|>=1.0.0|<2.0.0\n');
  });
  it('exits 2 for an invalid vers', async () => {
    const io = fakeIo();
    expect(await run(['range', 'normalize', 'vers:npm/>=x'], io)).toBe(2);
    expect(io.err()).toContain("'x' is not a valid npm version");
  });
});

describe('vigil range from-native', () => {
  it('prints canonical vers by default and the literal form with --literal', async () => {
    const io = fakeIo();
    expect(await run(['range', 'from-native', '--scheme', 'npm', '<2.0.1 || <1.1.7'], io)).toBe(0);
    expect(io.out()).toBe('vers:npm/<2.0.1\n');
    const io2 = fakeIo();
    expect(await run(['range', 'from-native', '--scheme', 'npm', '--literal', '<2.0.1 || <1.1.7'], io2)).toBe(0);
    expect(io2.out()).toBe('vers:npm/<1.1.7|<2.0.1\n');
  });
  it('converts PyPI specifiers (--json)', async () => {
    const io = fakeIo();
    expect(await run(['range', 'from-native', '--json', '--scheme', 'pypi', '>=1.0,!=1.3,<2'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ ok: true, vers: 'vers:pypi/>=1.0|!=1.3|<2' });
  });
  it('exits 2 without --scheme or for an invalid range', async () => {
    expect(await run(['range', 'from-native', '^1.0.0'], fakeIo())).toBe(2);
    const io = fakeIo();
    expect(await run(['range', 'from-native', '--scheme', 'maven', '[1.0,'], io)).toBe(2);
    expect(io.err()).toContain('not closed');
  });
  it('converts a batch', async () => {
    const io = fakeIo(`${JSON.stringify({ scheme: 'gem', range: '~> 2.0.8' })}\n${JSON.stringify({ scheme: 'nuget', range: '[1.0' })}\n`);
    expect(await run(['range', 'from-native', '--batch'], io)).toBe(2);
    const out = io.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toEqual({ line: 1, ok: true, vers: 'vers:gem/>=2.0.8|<2.1' });
    expect(out[1]).toMatchObject({ line: 2, ok: false });
  });
});
