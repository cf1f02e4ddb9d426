/** `vigil purl parse|normalize`: package URL parsing and canonical form, one at a time or as a JSON-lines batch. */
import { parseArgs } from 'node:util';
import { isVigilError } from '../../domain/errors.ts';
import { osvEcosystemForPurl, schemeForPurlType } from '../../domain/identity/ecosystems.ts';
import { formatPurl, packageKey, parsePurl, type Purl } from '../../domain/identity/purl.ts';
import { EXIT, UsageError, readLines, type CliIo, type Command } from '../command.ts';

interface Flags {
  readonly json: boolean;
  readonly batch: boolean;
  readonly positionals: string[];
}

/** Shared by the purl and cpe commands: strict flags, usage problems become UsageError. */
export function parseFlags(args: string[], expected: number, usage: string): Flags {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, batch: { type: 'boolean' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
  const batch = parsed.values.batch === true;
  const positionals = parsed.positionals;
  if (batch && positionals.length > 0) throw new UsageError(`--batch reads stdin; do not also pass arguments\n${usage}`);
  if (!batch && positionals.length !== expected) {
    throw new UsageError(`expected ${expected} argument${expected === 1 ? '' : 's'}, got ${positionals.length}\n${usage}`);
  }
  return { json: parsed.values.json === true, batch, positionals };
}

/** One JSON line per input line; a line that cannot be handled becomes an error result, not a crash. */
export async function runBatch(io: CliIo, handle: (input: Record<string, unknown>) => Record<string, unknown>): Promise<number> {
  let lineNo = 0;
  for await (const line of readLines(io.stdin)) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let result: Record<string, unknown>;
    try {
      const input: unknown = JSON.parse(line);
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new BatchLineError('each line must be a JSON object');
      result = { line: lineNo, ok: true, ...handle(input as Record<string, unknown>) };
    } catch (err) {
      const code = isVigilError(err) ? err.code : err instanceof BatchLineError ? 'BATCH_LINE_INVALID' : err instanceof SyntaxError ? 'BATCH_LINE_INVALID' : 'INTERNAL';
      const message = err instanceof SyntaxError ? `not JSON: ${err.message}` : (err as Error).message;
      result = { line: lineNo, ok: false, error: { code, message } };
    }
    io.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return EXIT.OK;
}

export class BatchLineError extends Error {}

/** Reads a required string field of a batch line. */
export function field(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string') throw new BatchLineError(`missing string field "${name}"`);
  return value;
}

function describe(purl: Purl): Record<string, unknown> {
  return {
    purl: formatPurl(purl),
    components: purl,
    packageKey: packageKey(purl),
    osvEcosystem: osvEcosystemForPurl(purl) ?? null,
    scheme: schemeForPurlType(purl.type, purl.qualifiers) ?? null,
  };
}

/** Runs fn; a VigilError (invalid input) is printed and gives exit 2. */
function single(io: CliIo, command: string, fn: () => void): number {
  try {
    fn();
    return EXIT.OK;
  } catch (err) {
    if (isVigilError(err)) {
      io.stderr.write(`vigil ${command}: ${err.code}: ${err.message}\n`);
      return EXIT.USAGE;
    }
    throw err;
  }
}

const PARSE_USAGE = 'Usage: vigil purl parse PURL [--json] | vigil purl parse --batch < lines.jsonl';

const parseCommand: Command = {
  path: ['purl', 'parse'],
  summary: 'Parse a package URL into its normalised components',
  help: `${PARSE_USAGE}

Parses a package URL (purl, ECMA-427), applies the type's normalisation rules and prints the
components, the canonical purl, the package key used for matching, the OSV ecosystem and the
version scheme.

Options:
  --json    print one JSON object
  --batch   read JSON lines from stdin, e.g. {"purl":"pkg:NPM/foo@1"}, and print one JSON
            result per line ({"ok":false,"error":{…}} for a line that is invalid)

Exit codes: 0 parsed (or batch processed), 2 invalid purl or usage error.

Examples:
  vigil purl parse 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'
  vigil purl parse --json 'pkg:PYPI/Django_package@1.11.1'
`,
  async run(args, io) {
    const flags = parseFlags(args, 1, PARSE_USAGE);
    if (flags.batch) {
      return runBatch(io, (input) => {
        const text = field(input, 'purl');
        return { input: text, ...describe(parsePurl(text)) };
      });
    }
    return single(io, 'purl parse', () => {
      const d = describe(parsePurl(flags.positionals[0]!));
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
        return;
      }
      const p = d.components as Purl;
      const qualifiers = p.qualifiers ? Object.entries(p.qualifiers).map(([k, v]) => `${k}=${v}`).join(', ') : '-';
      const rows: [string, string][] = [
        ['type', p.type],
        ['namespace', p.namespace ?? '-'],
        ['name', p.name],
        ['version', p.version ?? '-'],
        ['qualifiers', qualifiers],
        ['subpath', p.subpath ?? '-'],
        ['canonical', d.purl as string],
        ['package key', d.packageKey as string],
        ['OSV ecosystem', (d.osvEcosystem as string | null) ?? '-'],
        ['version scheme', (d.scheme as string | null) ?? '-'],
      ];
      for (const [k, v] of rows) io.stdout.write(`${k.padEnd(15)}${v}\n`);
    });
  },
};

const NORMALIZE_USAGE = 'Usage: vigil purl normalize PURL | vigil purl normalize --batch < lines.jsonl';

const normalizeCommand: Command = {
  path: ['purl', 'normalize'],
  summary: 'Print the canonical form of a package URL',
  help: `${NORMALIZE_USAGE}

Prints the canonical purl: lowercase type, type-specific case folding (e.g. pypi lowercases and
turns '_' into '-'), sorted lowercase qualifier keys, empty qualifiers dropped, canonical
percent-encoding, '.'/'..' and empty subpath segments removed.

Options:
  --json    print {"input":…,"purl":…}
  --batch   read JSON lines {"purl":"…"} from stdin; print {"line":n,"ok":true,"input":"…","purl":"…"} per line

Exit codes: 0 normalised (or batch processed), 2 invalid purl or usage error.

Example:
  vigil purl normalize 'pkg:PYPI/Django_package@1.11.1.dev1'   # pkg:pypi/django-package@1.11.1.dev1
`,
  async run(args, io) {
    const flags = parseFlags(args, 1, NORMALIZE_USAGE);
    if (flags.batch) {
      return runBatch(io, (input) => {
        const text = field(input, 'purl');
        return { input: text, purl: formatPurl(parsePurl(text)) };
      });
    }
    const input = flags.positionals[0]!;
    return single(io, 'purl normalize', () => {
      const purl = formatPurl(parsePurl(input));
      io.stdout.write(flags.json ? `${JSON.stringify({ input, purl })}\n` : `${purl}\n`);
    });
  },
};

export const purlCommands: readonly Command[] = [parseCommand, normalizeCommand];
