import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { run } from '../main.ts';

function fakeIo(stdin: string | NodeJS.ReadableStream = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: typeof stdin === 'string' ? Readable.from([stdin]) : stdin,
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd: '.',
    out: () => out,
    err: () => err,
  };
}

describe('vigil version compare', () => {
  it.each([
    ['deb', '1:1.0', '2.0', '>'],
    ['deb', '1.0~rc1', '1.0', '<'],
    ['rpm', '1.0^git1', '1.0', '>'],
    ['pypi', '1.0rc1', '1.0', '<'],
    ['maven', '1.0-SNAPSHOT', '1.0', '<'],
    ['npm', '1.2.3', '1.2.3+build', '='],
    ['golang', 'v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20200101000000-aaaaaaaaaaaa', '<'],
  ])('%s: %s vs %s is %s', async (scheme, a, b, want) => {
    const io = fakeIo();
    expect(await run(['version', 'compare', '--scheme', scheme, a, b], io)).toBe(0);
    expect(io.out()).toBe(`${want}\n`);
  });

  it('exits 2 and names the invalid version and the reason', async () => {
    const io = fakeIo();
    expect(await run(['version', 'compare', '--scheme', 'deb', '1.0', 'abc'], io)).toBe(2);
    expect(io.err()).toContain("b: 'abc' is not a valid deb version");
    expect(io.err()).toContain('start with a digit');
    expect(io.out()).toBe('');
  });

  it('requires a known scheme', async () => {
    const io = fakeIo();
    expect(await run(['version', 'compare', '--scheme', 'nope', '1', '2'], io)).toBe(2);
    expect(io.err()).toContain("unknown scheme 'nope'");
    const io2 = fakeIo();
    expect(await run(['version', 'compare', '1', '2'], io2)).toBe(2);
    expect(io2.err()).toContain('--scheme is required');
  });

  it('marks generic results', async () => {
    const io = fakeIo();
    expect(await run(['version', 'compare', '--scheme', 'generic', '--json', '1.10', '1.9'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ result: '>', generic: true });
    expect(io.err()).toContain('generic');
  });

  it('--batch answers one JSON line per input line, errors included', async () => {
    const input = [
      '{"scheme":"deb","a":"1:1.0","b":"1.0"}',
      '{"scheme":"rpm","a":"1.0~rc1","b":"1.0"}',
      '',
      '{"scheme":"deb","a":"1.0","b":"x"}',
      'not json',
      '{"scheme":"unknown","a":"1","b":"2"}',
    ].join('\n');
    const io = fakeIo(input);
    expect(await run(['version', 'compare', '--batch'], io)).toBe(0);
    const lines = io.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ result: '>' });
    expect(lines[1]).toEqual({ result: '<' });
    expect(lines[2]).toMatchObject({ error: { code: 'VERSION_INVALID' } });
    expect(String((lines[2]!.error as { message: string }).message)).toContain("b: 'x'");
    expect(lines[3]).toMatchObject({ error: { code: 'BATCH_LINE_INVALID' } });
    expect(lines[4]).toMatchObject({ error: { code: 'VERSION_SCHEME_UNKNOWN' } });
  });

  it('--batch streams: a result is written before stdin ends', async () => {
    const stdin = new PassThrough();
    const io = fakeIo(stdin);
    const done = run(['version', 'compare', '--batch', '--scheme', 'semver'], io);
    stdin.write('{"a":"1.0.0","b":"2.0.0"}\n');
    for (let i = 0; i < 50 && io.out() === ''; i++) await new Promise((r) => setTimeout(r, 5));
    expect(io.out()).toBe('{"result":"<"}\n');
    stdin.end();
    expect(await done).toBe(0);
  });
});

describe('vigil version sort', () => {
  it('sorts stdin lines by the scheme, stable, ignoring blank lines', async () => {
    const io = fakeIo('1:0.5\n1.0\n\n1.0~rc1\n1.00\n');
    expect(await run(['version', 'sort', '--scheme', 'deb'], io)).toBe(0);
    expect(io.out()).toBe('1.0~rc1\n1.0\n1.00\n1:0.5\n');
  });

  it('--reverse puts the newest first', async () => {
    const io = fakeIo('1.10\n1.9\n1.2\n');
    expect(await run(['version', 'sort', '--scheme', 'maven', '--reverse'], io)).toBe(0);
    expect(io.out()).toBe('1.10\n1.9\n1.2\n');
  });

  it('exits 2 naming the line number of an invalid version', async () => {
    const io = fakeIo('1.0.0\n\nbanana\n');
    expect(await run(['version', 'sort', '--scheme', 'semver'], io)).toBe(2);
    expect(io.err()).toContain('line 3');
    expect(io.err()).toContain("'banana'");
    expect(io.out()).toBe('');
  });
});

describe('vigil version schemes', () => {
  it('lists every scheme with a description', async () => {
    const io = fakeIo();
    expect(await run(['version', 'schemes', '--json'], io)).toBe(0);
    const list = JSON.parse(io.out()) as { id: string; summary: string; generic: boolean }[];
    const ids = list.map((s) => s.id);
    for (const id of ['semver', 'npm', 'pypi', 'maven', 'golang', 'deb', 'rpm', 'apk', 'generic']) expect(ids).toContain(id);
    expect(list.every((s) => s.summary.length > 0)).toBe(true);
    expect(list.find((s) => s.id === 'generic')?.generic).toBe(true);
  });
});
