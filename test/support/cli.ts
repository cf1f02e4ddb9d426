/** Runs the `vigil` CLI in-process with captured output, as the CLI tests need it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/command.ts';
import { run } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `vigil ARGS` with an empty stdin, `USER=tester` plus `env`, in `cwd`. */
export async function runCli(args: readonly string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = { stdin: Readable.from([]), stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (err += c) }, env: { USER: 'tester', ...opts.env }, cwd: opts.cwd };
  const code = await run([...args], io);
  return { code, out, err };
}

/** Writes `value` as JSON to `dir/name` and returns `name` (for arguments relative to the CLI's cwd). */
export function writeJsonFile(dir: string, name: string, value: unknown): string {
  writeFileSync(join(dir, name), JSON.stringify(value));
  return name;
}
