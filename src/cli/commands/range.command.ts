/**
 * `vigil range contains|normalize|from-native`: version-range checks from the command line,
 * one at a time or as a JSON-lines batch.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { nativeToVers, NATIVE_SCHEMES } from '../../domain/ranges/native/index.ts';
import { evaluateOsvRecord, type OsvRecord } from '../../domain/ranges/osv.ts';
import { indeterminate, type RangeResult } from '../../domain/ranges/result.ts';
import { canonicalVersString, compileVers, normalizeVers, type CompiledVers } from '../../domain/ranges/vers.ts';
import { EXIT, UsageError, readLines, type CliIo, type Command } from '../command.ts';

const EXIT_CODES = `Exit codes:
  0  not affected (the version is outside the range)
  1  affected, or indeterminate: the range or version could not be evaluated under its
     scheme. Indeterminate exits 1, like affected, because it is not evidence of safety: a
     script that treats exit 0 as "safe" must never get it for something Vigil could not
     check. Use --json to tell the two apart ("status").
  2  usage error or invalid input (bad flags, unreadable OSV JSON, unknown affected entry)
  3  failure (the OSV file could not be read)`;

const CONTAINS_HELP = `Usage: vigil range contains RANGE VERSION [--json]
       vigil range contains --osv FILE [--package NAME] [--ecosystem ECO] VERSION [--json]
       vigil range contains --batch  < lines.jsonl

Is VERSION inside RANGE? RANGE is a vers string (vers:npm/>=1.0.0|<2.0.0); unsorted or
spaced input is read by its sorted form. With --osv, the range is the affected[] entry of an
OSV record (JSON file; '-' reads stdin); --package and --ecosystem choose the entry when the
record has several (the ecosystem's ':release' suffix may be omitted).

Prints the status (affected, not-affected, indeterminate) and the reason. A version or range
that cannot be parsed under its scheme is indeterminate, never not-affected.

Options:
  --json            print {"status","reason","scheme","matched"} as JSON
  --batch           read JSON lines from stdin, write one JSON result per line, streaming:
                      {"range":"vers:npm/>=1.0.0|<2.0.0","version":"1.5.0"}
                    a line may carry "osv" (an OSV record) with "package"/"ecosystem"
                    instead of "range". Errors become results with status indeterminate.
                    Exit 1 if any line is affected or indeterminate, else 0.

${EXIT_CODES}

Examples:
  vigil range contains 'vers:npm/>=1.0.0|<1.2.5' 1.2.3
  vigil range contains --osv GHSA-xxxx.json --package lodash 4.17.20 --json
`;

const NORMALIZE_HELP = `Usage: vigil range normalize VERS [--sort-only] [--json]
       vigil range normalize --batch  < lines.jsonl      ({"vers":"..."} per line)

Prints the canonical vers: constraints sorted by version under the type's scheme,
duplicates removed, overlapping or adjacent intervals merged — a valid vers with the same
meaning. --sort-only keeps every constraint and only sorts and re-encodes.

Exit codes: 0 printed · 2 the input is not a vers or a version does not parse under its scheme
`;

const FROM_NATIVE_HELP = `Usage: vigil range from-native --scheme SCHEME RANGE [--literal] [--json]
       vigil range from-native --batch  < lines.jsonl    ({"scheme":"npm","range":"^1.2.3"} per line)

Converts an ecosystem's own range notation to vers. Schemes: ${NATIVE_SCHEMES.join(', ')}.
By default prints the canonical vers (merged, always valid). --literal prints each native
comparator translated one to one and sorted (the vers-spec conversion form).

Examples:
  vigil range from-native --scheme npm '^1.2.3 || ~2.0.1'     → vers:npm/>=1.2.3|<2.0.0|>=2.0.1|<2.1.0
  vigil range from-native --scheme pypi '>=1.0,!=1.3,<2'      → vers:pypi/>=1.0|!=1.3|<2

Exit codes: 0 printed · 2 the range is not valid in that notation
`;

type Values = Record<string, string | boolean | undefined>;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, help: string): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args, allowPositionals: true, strict: true, options });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
}

function exitFor(result: RangeResult): number {
  return result.status === 'not-affected' ? EXIT.OK : EXIT.FINDINGS;
}

function printResult(io: CliIo, result: RangeResult, json: boolean): void {
  if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else io.stdout.write(`${result.status}: ${result.reason}\n`);
}

async function readOsv(io: CliIo, file: string): Promise<OsvRecord | number> {
  let text: string;
  try {
    if (file === '-') {
      const { readAll } = await import('../command.ts');
      text = await readAll(io.stdin);
    } else text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    io.stderr.write(`vigil range contains: cannot read ${file}: ${(err as Error).message}\n`);
    return EXIT.FAILURE;
  }
  try {
    const record: unknown = JSON.parse(text);
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not a JSON object');
    return record as OsvRecord;
  } catch (err) {
    io.stderr.write(`vigil range contains: ${file} is not an OSV JSON record: ${(err as Error).message}\n`);
    return EXIT.USAGE;
  }
}

/** Keeps compiled ranges for batch mode: most batches repeat a few ranges many times. */
class RangeCache {
  private readonly map = new Map<string, { ok: true; value: CompiledVers } | { ok: false; reason: string }>();
  get(range: string): { ok: true; value: CompiledVers } | { ok: false; reason: string } {
    let c = this.map.get(range);
    if (!c) {
      c = compileVers(range);
      if (this.map.size >= 1000) this.map.clear();
      this.map.set(range, c);
    }
    return c;
  }
}

function str(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

function batchContains(input: Record<string, unknown>, cache: RangeCache): RangeResult {
  const version = str(input, 'version');
  if (version === undefined) return indeterminate('missing string field "version"');
  if (input.osv !== undefined) {
    if (input.osv === null || typeof input.osv !== 'object') return indeterminate('"osv" must be an OSV record object');
    const selector: { name?: string; ecosystem?: string } = {};
    const name = str(input, 'package');
    const eco = str(input, 'ecosystem');
    if (name !== undefined) selector.name = name;
    if (eco !== undefined) selector.ecosystem = eco;
    return evaluateOsvRecord(input.osv as OsvRecord, version, selector);
  }
  const range = str(input, 'range');
  if (range === undefined) return indeterminate('missing string field "range" (or "osv")');
  const compiled = cache.get(range);
  if (!compiled.ok) return indeterminate(`cannot evaluate ${range}: ${compiled.reason}`);
  return compiled.value.test(version);
}

/** Streams JSON lines → JSON results; returns the worst exit code of the lines. */
async function runBatch(io: CliIo, handle: (input: Record<string, unknown>) => { result: Record<string, unknown>; exit: number }): Promise<number> {
  let worst: number = EXIT.OK;
  let lineNo = 0;
  for await (const line of readLines(io.stdin)) {
    lineNo++;
    if (line.trim() === '') continue;
    let out: Record<string, unknown>;
    let exit: number;
    try {
      const input: unknown = JSON.parse(line);
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('each line must be a JSON object');
      ({ result: out, exit } = handle(input as Record<string, unknown>));
    } catch (err) {
      const message = err instanceof SyntaxError ? `not JSON: ${err.message}` : (err as Error).message;
      ({ result: out, exit } = { result: { ...indeterminate(message) }, exit: EXIT.FINDINGS });
    }
    worst = Math.max(worst, exit);
    io.stdout.write(`${JSON.stringify({ line: lineNo, ...out })}\n`);
  }
  return worst;
}

const containsCommand: Command = {
  path: ['range', 'contains'],
  summary: 'Is a version inside a vers range or an OSV record? (affected / not-affected / indeterminate)',
  help: CONTAINS_HELP,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, batch: { type: 'boolean' }, osv: { type: 'string' }, package: { type: 'string' }, ecosystem: { type: 'string' } },
      CONTAINS_HELP,
    );
    const json = values.json === true;
    if (values.batch) {
      if (positionals.length > 0 || values.osv !== undefined) throw new UsageError('--batch reads stdin; do not also pass RANGE, VERSION or --osv');
      const cache = new RangeCache();
      return runBatch(io, (input) => {
        const r = batchContains(input, cache);
        return { result: { ...r }, exit: exitFor(r) };
      });
    }
    if (typeof values.osv === 'string') {
      if (positionals.length !== 1) throw new UsageError(`with --osv, pass exactly one VERSION (got ${positionals.length})\n\n${CONTAINS_HELP}`);
      const record = await readOsv(io, values.osv);
      if (typeof record === 'number') return record;
      const selector: { name?: string; ecosystem?: string } = {};
      if (typeof values.package === 'string') selector.name = values.package;
      if (typeof values.ecosystem === 'string') selector.ecosystem = values.ecosystem;
      if (!Array.isArray(record.affected) || record.affected.length === 0) {
        io.stderr.write(`vigil range contains: ${values.osv} has no affected[] entries\n`);
        return EXIT.USAGE;
      }
      const { selectOsvAffected } = await import('../../domain/ranges/osv.ts');
      const entry = selectOsvAffected(record, selector);
      if (!entry.ok) {
        io.stderr.write(`vigil range contains: ${entry.reason}\n`);
        return EXIT.USAGE;
      }
      const result = evaluateOsvRecord({ affected: [entry.value] }, positionals[0]!);
      printResult(io, result, json);
      return exitFor(result);
    }
    if (values.package !== undefined || values.ecosystem !== undefined) throw new UsageError('--package and --ecosystem apply only with --osv');
    if (positionals.length !== 2) throw new UsageError(`expected RANGE and VERSION, got ${positionals.length} argument(s)\n\n${CONTAINS_HELP}`);
    const compiled = compileVers(positionals[0]!);
    const result = compiled.ok ? compiled.value.test(positionals[1]!) : indeterminate(`cannot evaluate ${positionals[0]}: ${compiled.reason}`);
    printResult(io, result, json);
    return exitFor(result);
  },
};

const normalizeCommand: Command = {
  path: ['range', 'normalize'],
  summary: 'Print the canonical form of a vers range',
  help: NORMALIZE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, batch: { type: 'boolean' }, 'sort-only': { type: 'boolean' } }, NORMALIZE_HELP);
    const fn = values['sort-only'] ? normalizeVers : canonicalVersString;
    if (values.batch) {
      if (positionals.length > 0) throw new UsageError('--batch reads stdin; do not also pass VERS');
      return runBatch(io, (input) => {
        const vers = str(input, 'vers');
        if (vers === undefined) return { result: { ok: false, error: 'missing string field "vers"' }, exit: EXIT.USAGE };
        const r = fn(vers);
        return r.ok ? { result: { ok: true, vers: r.value }, exit: EXIT.OK } : { result: { ok: false, error: r.reason }, exit: EXIT.USAGE };
      });
    }
    if (positionals.length !== 1) throw new UsageError(`expected one VERS, got ${positionals.length}\n\n${NORMALIZE_HELP}`);
    const r = fn(positionals[0]!);
    if (!r.ok) {
      if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, error: r.reason })}\n`);
      else io.stderr.write(`vigil range normalize: ${r.reason}\n`);
      return EXIT.USAGE;
    }
    io.stdout.write(values.json ? `${JSON.stringify({ ok: true, vers: r.value })}\n` : `${r.value}\n`);
    return EXIT.OK;
  },
};

const fromNativeCommand: Command = {
  path: ['range', 'from-native'],
  summary: 'Convert an ecosystem range (npm, PyPI, Maven, NuGet, …) to vers',
  help: FROM_NATIVE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, batch: { type: 'boolean' }, scheme: { type: 'string' }, literal: { type: 'boolean' } }, FROM_NATIVE_HELP);
    const form = values.literal ? 'literal' : 'canonical';
    if (values.batch) {
      if (positionals.length > 0) throw new UsageError('--batch reads stdin; do not also pass RANGE');
      return runBatch(io, (input) => {
        const scheme = str(input, 'scheme') ?? (typeof values.scheme === 'string' ? values.scheme : undefined);
        const range = str(input, 'range');
        if (scheme === undefined || range === undefined) return { result: { ok: false, error: 'missing string fields "scheme" and "range"' }, exit: EXIT.USAGE };
        const r = nativeToVers(scheme, range, { form });
        return r.ok ? { result: { ok: true, vers: r.value }, exit: EXIT.OK } : { result: { ok: false, error: r.reason }, exit: EXIT.USAGE };
      });
    }
    if (typeof values.scheme !== 'string') throw new UsageError(`--scheme is required\n\n${FROM_NATIVE_HELP}`);
    if (positionals.length !== 1) throw new UsageError(`expected one RANGE (quote it), got ${positionals.length}\n\n${FROM_NATIVE_HELP}`);
    const r = nativeToVers(values.scheme, positionals[0]!, { form });
    if (!r.ok) {
      if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, error: r.reason })}\n`);
      else io.stderr.write(`vigil range from-native: ${r.reason}\n`);
      return EXIT.USAGE;
    }
    io.stdout.write(values.json ? `${JSON.stringify({ ok: true, vers: r.value })}\n` : `${r.value}\n`);
    return EXIT.OK;
  },
};

export const rangeCommands: readonly Command[] = [containsCommand, normalizeCommand, fromNativeCommand];
