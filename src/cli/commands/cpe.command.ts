/** `vigil cpe match`: NIST IR 7696 name matching of two CPEs, one pair or a JSON-lines batch. */
import { isVigilError } from '../../domain/errors.ts';
import { CPE_ATTRIBUTES, compareCpe, cpeValueText, formatCpe, parseCpe } from '../../domain/identity/cpe.ts';
import { EXIT, type CliIo, type Command } from '../command.ts';
import { field, parseFlags, runBatch } from './purl.command.ts';

function match(sourceText: string, targetText: string): Record<string, unknown> {
  const source = parseCpe(sourceText);
  const target = parseCpe(targetText);
  const result = compareCpe(source, target);
  return {
    source: formatCpe(source),
    target: formatCpe(target),
    relation: result.relation,
    matches: result.matches,
    attributes: result.attributes,
    explanation: result.explanation,
    confidence: 'low',
  };
}

const USAGE = 'Usage: vigil cpe match SOURCE TARGET [--json] | vigil cpe match --batch < pairs.jsonl';

const matchCommand: Command = {
  path: ['cpe', 'match'],
  summary: 'Compare two CPE names (NIST IR 7696): equal, subset, superset or disjoint',
  help: `${USAGE}

Compares SOURCE (usually from an advisory; may use ANY '*', NA '-' and the wildcards '*' and '?')
with TARGET (usually from an inventory). Both may be CPE 2.3 formatted strings (cpe:2.3:…) or
CPE 2.2 URIs (cpe:/…). Prints the name relation (CPE_EQUAL, CPE_SUPERSET, CPE_SUBSET,
CPE_DISJOINT or CPE_UNDEFINED), whether the target matches (EQUAL or SUPERSET), the relation of
each attribute and an explanation. CPE matches are lower confidence than purl matches.

Options:
  --json    print one JSON object
  --batch   read JSON lines {"source":"cpe:2.3:…","target":"cpe:2.3:…"} from stdin and print one
            JSON result per line ({"ok":false,"error":{…}} for a line that is invalid)

Exit codes: 0 compared (whatever the relation; or batch processed), 2 invalid CPE or usage error.

Example:
  vigil cpe match 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*' 'cpe:/a:openssl:openssl:1.0.2k'
`,
  async run(args: string[], io: CliIo) {
    const flags = parseFlags(args, 2, USAGE);
    if (flags.batch) return runBatch(io, (input) => match(field(input, 'source'), field(input, 'target')));
    let r: Record<string, unknown>;
    try {
      r = match(flags.positionals[0]!, flags.positionals[1]!);
    } catch (err) {
      if (isVigilError(err)) {
        io.stderr.write(`vigil cpe match: ${err.code}: ${err.message}\n`);
        return EXIT.USAGE;
      }
      throw err;
    }
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return EXIT.OK;
    }
    const source = parseCpe(r.source as string);
    const target = parseCpe(r.target as string);
    const attributes = r.attributes as Record<string, string>;
    io.stdout.write(`${r.relation as string}${r.matches ? ' (target matches source)' : ' (no match)'}\n`);
    io.stdout.write(`${r.explanation as string}\n\n`);
    const width = Math.max(...CPE_ATTRIBUTES.map((a) => cpeValueText(source[a]).length), 6) + 2;
    io.stdout.write(`${'attribute'.padEnd(12)}${'source'.padEnd(width)}${'target'.padEnd(width)}relation\n`);
    for (const a of CPE_ATTRIBUTES) {
      io.stdout.write(`${a.padEnd(12)}${cpeValueText(source[a]).padEnd(width)}${cpeValueText(target[a]).padEnd(width)}${attributes[a]}\n`);
    }
    return EXIT.OK;
  },
};

export const cpeCommands: readonly Command[] = [matchCommand];
