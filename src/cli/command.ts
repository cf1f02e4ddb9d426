/**
 * The command-line contract: every command is `run(args, io) → exit code`.
 *
 * Exit codes (documented in docs/cli.md):
 *   0  success, nothing to report
 *   1  the command worked and found something at or above the threshold
 *   2  usage error (unknown command, bad flag, invalid input value)
 *   3  failure (I/O, database, remote server, unexpected error)
 */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, FAILURE: 3 } as const;

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Command {
  /** Words that select the command, e.g. `['version', 'compare']`. */
  readonly path: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text: usage line, options, examples. */
  readonly help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by a command for a usage problem; the dispatcher prints it and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads all of stdin as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Iterates stdin line by line without holding it all in memory (for `--batch`). */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}
