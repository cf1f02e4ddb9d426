import { EXIT, UsageError, type CliIo, type Command } from './command.ts';
import { allCommands } from './commands/index.ts';

export function findCommand(commands: readonly Command[], argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((word, i) => argv[i] === word)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function listing(commands: readonly Command[], prefix: readonly string[] = []): string {
  const shown = commands.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const width = Math.max(...shown.map((c) => c.path.join(' ').length), 10);
  return shown.map((c) => `  vigil ${c.path.join(' ').padEnd(width)}  ${c.summary}`).join('\n');
}

export function usage(commands: readonly Command[], prefix: readonly string[] = []): string {
  return [
    'Vigil — post-market cybersecurity for medical devices',
    '',
    'Usage: vigil <command> [options]      (vigil <command> --help for details)',
    '',
    'Commands:',
    listing(commands, prefix),
    '',
    'Exit codes: 0 success · 1 findings at or above the threshold · 2 usage error · 3 failure',
    '',
  ].join('\n');
}

export async function run(argv: readonly string[], io: CliIo, commands: readonly Command[] = allCommands): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(usage(commands));
    return argv.length === 0 ? EXIT.USAGE : EXIT.OK;
  }
  if (argv[0] === '--version') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return EXIT.OK;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    // List the commands of the longest group named (`vigil case task` lists `case task done|skip|reopen`).
    let depth = 0;
    while (depth < argv.length && commands.some((c) => c.path.length > depth + 1 && argv.slice(0, depth + 1).every((w, i) => c.path[i] === w))) depth++;
    io.stderr.write(`vigil: unknown command '${argv.join(' ')}'\n\n`);
    io.stderr.write(usage(commands, argv.slice(0, depth)));
    return EXIT.USAGE;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout.write(found.command.help.endsWith('\n') ? found.command.help : `${found.command.help}\n`);
    return EXIT.OK;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`vigil ${found.command.path.join(' ')}: ${err.message}\n`);
      return EXIT.USAGE;
    }
    const e = err as { code?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? `${e.code}: ` : '';
    io.stderr.write(`vigil ${found.command.path.join(' ')}: ${code}${String(e.message ?? err)}\n`);
    if (io.env.VIGIL_DEBUG) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return EXIT.FAILURE;
  }
}

export async function main(argv: string[]): Promise<number> {
  // `vigil … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return run(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
