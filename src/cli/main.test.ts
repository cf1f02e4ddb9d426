import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './command.ts';
import { run } from './main.ts';

async function vigil(...args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { stdin: Readable.from([]), stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (err += c) }, env: {}, cwd: process.cwd() };
  return { code: await run(args, io), out, err };
}

describe('vigil command groups', () => {
  it('lists the commands of the deepest group named when the command is incomplete or unknown', async () => {
    const task = await vigil('case', 'task');
    expect(task.code).toBe(2);
    expect(task.err).toContain("unknown command 'case task'");
    expect(task.err.match(/^ {2}vigil .*$/gm)!.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(['vigil case task done', 'vigil case task skip', 'vigil case task reopen']);
    const settings = await vigil('clocks', 'settings', 'bogus');
    expect(settings.err.match(/^ {2}vigil .*$/gm)!.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(['vigil clocks settings show', 'vigil clocks settings set']);
    const group = await vigil('case', 'bogus');
    expect(group.err).toContain('vigil case open');
    expect(group.err).not.toContain('vigil clocks');
    const none = await vigil('nonsense');
    expect(none.err).toContain('vigil clocks evaluate');
  });
});
