/** `vigil version compare|sort|schemes`: one comparator per ecosystem, from the command line. */
import { parseArgs } from 'node:util';
import { getScheme, hasScheme, listSchemes, SCHEME_SUMMARIES } from '../../domain/versions/index.ts';
import type { Ordering, ParseResult, SchemeId, VersionScheme } from '../../domain/versions/scheme.ts';
import { EXIT, UsageError, readAll, readLines, type CliIo, type Command } from '../command.ts';

const SYMBOL: Readonly<Record<Ordering, string>> = { [-1]: '<', 0: '=', 1: '>' } as Record<Ordering, string>;

function schemeOf(name: string | undefined, usage: string): VersionScheme {
  if (name === undefined) throw new UsageError(`--scheme is required\n${usage}`);
  if (!hasScheme(name)) throw new UsageError(`unknown scheme '${name}' (see 'vigil version schemes')`);
  return getScheme(name);
}

function flags(args: string[], usage: string, allowed: readonly ('batch' | 'reverse')[] = []) {
  for (const word of ['batch', 'reverse'] as const) {
    if (!allowed.includes(word) && args.includes(`--${word}`)) throw new UsageError(`unknown option '--${word}'\n${usage}`);
  }
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { scheme: { type: 'string', short: 's' }, json: { type: 'boolean' }, batch: { type: 'boolean' }, reverse: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
}

/**
 * Parse results of a batch run, keyed by scheme and text: SBOM-driven batches repeat the same
 * versions many times. Bounded; cleared when full.
 */
export class ParseCache {
  private readonly map = new Map<string, ParseResult<unknown>>();
  constructor(private readonly max = 20_000) {}
  parse(scheme: VersionScheme, text: string): ParseResult<unknown> {
    const key = `${scheme.id}\u0000${text}`;
    let r = this.map.get(key);
    if (r === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      r = scheme.parse(text);
      this.map.set(key, r);
    }
    return r;
  }
}

/** The result of one batch line, as the object to print. Exposed for the benchmark. */
export function compareBatchLine(line: string, defaultScheme: SchemeId | undefined, cache?: ParseCache): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { error: { code: 'BATCH_LINE_INVALID', message: `not JSON: ${(err as Error).message}` } };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { error: { code: 'BATCH_LINE_INVALID', message: 'each line must be a JSON object' } };
  const { scheme: s, a, b } = input as Record<string, unknown>;
  const schemeName = s ?? defaultScheme;
  if (typeof schemeName !== 'string') return { error: { code: 'BATCH_LINE_INVALID', message: 'missing string field "scheme"' } };
  if (!hasScheme(schemeName)) return { error: { code: 'VERSION_SCHEME_UNKNOWN', message: `unknown scheme '${schemeName}'` } };
  if (typeof a !== 'string' || typeof b !== 'string') return { error: { code: 'BATCH_LINE_INVALID', message: 'fields "a" and "b" must be strings' } };
  const scheme = getScheme(schemeName);
  const pa = cache ? cache.parse(scheme, a) : scheme.parse(a);
  if (!pa.ok) return { error: { code: 'VERSION_INVALID', message: `a: '${a}' is not a valid ${schemeName} version: ${pa.reason}` } };
  const pb = cache ? cache.parse(scheme, b) : scheme.parse(b);
  if (!pb.ok) return { error: { code: 'VERSION_INVALID', message: `b: '${b}' is not a valid ${schemeName} version: ${pb.reason}` } };
  const result = SYMBOL[scheme.compareParsed(pa.value, pb.value)];
  return scheme.generic ? { result, generic: true } : { result };
}

const COMPARE_USAGE = 'Usage: vigil version compare --scheme <scheme> <a> <b>\n       vigil version compare --batch [--scheme <default>] < lines.jsonl';

const compare: Command = {
  path: ['version', 'compare'],
  summary: 'Compare two versions under an ecosystem scheme (prints <, = or >)',
  help: `${COMPARE_USAGE}

Prints '<', '=' or '>' for how <a> compares to <b> under the scheme's own rules.

Options:
  -s, --scheme <id>  version scheme (see 'vigil version schemes'); with --batch, the default for
                     lines without a "scheme" field
  --batch            read JSON lines {"scheme":"deb","a":"1:1.0","b":"1.0"} from stdin and write one
                     JSON result per line as it goes: {"result":">"} or
                     {"error":{"code":"VERSION_INVALID","message":"…"}}
  --json             single comparison: print {"result":"<"} instead of the bare symbol

Results under the 'generic' scheme are heuristic and say so ("generic": true; a note on stderr).

Exit codes: 0 compared (or batch finished) · 2 usage error or an invalid version (the message says
which version, a or b, and why)

Examples:
  vigil version compare --scheme deb 1:1.0 2.0          # >
  vigil version compare --scheme rpm 1.0~rc1 1.0        # <
  echo '{"scheme":"pypi","a":"1.0rc1","b":"1.0"}' | vigil version compare --batch`,
  async run(args, io) {
    const f = flags(args, COMPARE_USAGE, ['batch']);
    if (f.values.batch) {
      if (f.positionals.length > 0) throw new UsageError(`--batch reads stdin; do not also pass versions\n${COMPARE_USAGE}`);
      const def = f.values.scheme;
      if (def !== undefined && !hasScheme(def)) throw new UsageError(`unknown scheme '${def}' (see 'vigil version schemes')`);
      const cache = new ParseCache();
      for await (const line of readLines(io.stdin)) {
        if (line.trim() === '') continue;
        io.stdout.write(`${JSON.stringify(compareBatchLine(line, def as SchemeId | undefined, cache))}\n`);
      }
      return EXIT.OK;
    }
    const scheme = schemeOf(f.values.scheme, COMPARE_USAGE);
    if (f.positionals.length !== 2) throw new UsageError(`expected two versions, got ${f.positionals.length}\n${COMPARE_USAGE}`);
    const [a, b] = f.positionals as [string, string];
    const pa = scheme.parse(a);
    if (!pa.ok) {
      io.stderr.write(`vigil version compare: VERSION_INVALID: a: '${a}' is not a valid ${scheme.id} version: ${pa.reason}\n`);
      return EXIT.USAGE;
    }
    const pb = scheme.parse(b);
    if (!pb.ok) {
      io.stderr.write(`vigil version compare: VERSION_INVALID: b: '${b}' is not a valid ${scheme.id} version: ${pb.reason}\n`);
      return EXIT.USAGE;
    }
    const symbol = SYMBOL[scheme.compareParsed(pa.value, pb.value)];
    if (scheme.generic) io.stderr.write('vigil version compare: note: generic scheme, the order is a heuristic\n');
    io.stdout.write(f.values.json ? `${JSON.stringify(scheme.generic ? { result: symbol, generic: true } : { result: symbol })}\n` : `${symbol}\n`);
    return EXIT.OK;
  },
};

const SORT_USAGE = 'Usage: vigil version sort --scheme <scheme> [--reverse] < versions.txt';

const sort: Command = {
  path: ['version', 'sort'],
  summary: 'Sort versions read from stdin (one a line) by an ecosystem scheme',
  help: `${SORT_USAGE}

Reads one version per line from stdin (blank lines are ignored) and prints them sorted, oldest
first, under the scheme's rules. The sort is stable: equal versions keep their input order.

Options:
  -s, --scheme <id>  version scheme (see 'vigil version schemes')
  --reverse          newest first

Exit codes: 0 sorted · 2 usage error or an invalid version (names the line number and why)

Example:
  printf '1.0\\n1.0~rc1\\n1:0.5\\n' | vigil version sort --scheme deb`,
  async run(args, io) {
    const f = flags(args, SORT_USAGE, ['reverse']);
    const scheme = schemeOf(f.values.scheme, SORT_USAGE);
    if (f.positionals.length > 0) throw new UsageError(`sort reads versions from stdin; do not pass arguments\n${SORT_USAGE}`);
    const text = await readAll(io.stdin);
    const items: { text: string; value: unknown }[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      const p = scheme.parse(line);
      if (!p.ok) {
        io.stderr.write(`vigil version sort: VERSION_INVALID: line ${i + 1}: '${line}' is not a valid ${scheme.id} version: ${p.reason}\n`);
        return EXIT.USAGE;
      }
      items.push({ text: line, value: p.value });
    }
    const dir = f.values.reverse ? -1 : 1;
    items.sort((x, y) => dir * scheme.compareParsed(x.value, y.value));
    if (scheme.generic) io.stderr.write('vigil version sort: note: generic scheme, the order is a heuristic\n');
    io.stdout.write(items.map((x) => `${x.text}\n`).join(''));
    return EXIT.OK;
  },
};

const schemes: Command = {
  path: ['version', 'schemes'],
  summary: 'List the version schemes Vigil can compare',
  help: `Usage: vigil version schemes [--json]

Lists every version scheme id with a one-line description. Use the id with --scheme.`,
  async run(args, io) {
    const f = flags(args, 'Usage: vigil version schemes [--json]');
    if (f.positionals.length > 0) throw new UsageError('vigil version schemes takes no arguments');
    const all = listSchemes().map((s) => ({ id: s.id, summary: SCHEME_SUMMARIES[s.id] ?? '', generic: s.generic === true }));
    if (f.values.json) io.stdout.write(`${JSON.stringify(all)}\n`);
    else {
      const width = Math.max(...all.map((s) => s.id.length));
      io.stdout.write(all.map((s) => `${s.id.padEnd(width)}  ${s.summary}\n`).join(''));
    }
    return EXIT.OK;
  },
};

export const versionCommands: readonly Command[] = [compare, sort, schemes];

export type { CliIo };
