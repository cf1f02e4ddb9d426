/**
 * `vigil scan SBOM`: offline scan of one CycloneDX SBOM for build pipelines (docs/scan.md).
 * Intelligence from a Vigil database (--data-dir / --database-url / config) or from a mirror
 * bundle (--db BUNDLE, `vigil feeds export` output) read into memory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Advisory, EpssScore, KevEntry } from '../../domain/advisories/advisory.ts';
import { isVigilError, VigilError } from '../../domain/errors.ts';
import type { ParsedSbom } from '../../domain/inventory/sbom.ts';
import { FAIL_ON_VALUES, memoryIntel, parseIgnoreFile, scanSbom, tripsThreshold, type FailOn, type IgnoreRule, type ScanIntel, type ScanReport } from '../../app/scan.ts';
import { parseCycloneDxJson } from '../../formats/cyclonedx/cyclonedx.parser.ts';
import { writeVdr } from '../../formats/cyclonedx/vdr.writer.ts';
import { writeSarif } from '../../formats/sarif/sarif.writer.ts';
import { loadTrustedKeys, openBundleReader } from '../../runtime/feed-bundle-file.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime } from '../context.ts';

const FORMATS = ['table', 'json', 'sarif', 'cyclonedx-vdr'] as const;
type Format = (typeof FORMATS)[number];

/** SBOMs with more components than this report progress on stderr. */
const PROGRESS_THRESHOLD = 1000;

const options = {
  ...dbOptions,
  db: { type: 'string' },
  format: { type: 'string', default: 'table' },
  'fail-on': { type: 'string' },
  ignore: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function runtimeIntel(rt: Runtime): ScanIntel {
  return {
    candidates: (packageKeys, vendorProducts) => rt.uow.read((s) => s.advisories.candidates(packageKeys, vendorProducts)),
    async group(primaryId) {
      const g = await rt.uow.read((s) => s.advisories.findGroup(primaryId));
      if (!g) return null;
      return { primaryId: g.primaryId, identifiers: g.identifiers, maxCvss: g.maxCvss, summary: g.summary, kev: g.kev, epss: g.epss };
    },
  };
}

async function bundleIntel(path: string, trustedKeyFiles: readonly string[], io: CliIo): Promise<ScanIntel> {
  const trusted = loadTrustedKeys(trustedKeyFiles);
  const reader = openBundleReader(path, trusted);
  const verified = await reader.verify();
  if (trusted.length > 0 && verified.signature !== 'trusted') throw new VigilError('BUNDLE_UNTRUSTED', `${path} is not signed by a trusted key (VIGIL_BUNDLE_TRUSTED_KEYS is set)`);
  if (verified.signature !== 'trusted') io.stderr.write(`warning: the bundle ${path} is ${verified.signature === 'unsigned' ? 'not signed' : `signed by key ${verified.keyId}, which is not trusted here`}; its checksums were verified\n`);
  const advisories: Advisory[] = [];
  const kev: KevEntry[] = [];
  const epss: EpssScore[] = [];
  const read = async <T>(name: 'advisories.jsonl' | 'kev.jsonl' | 'epss.jsonl', push: (v: T) => void) => {
    let line = 0;
    for await (const text of reader.lines(name)) {
      line += 1;
      if (!text.trim()) continue;
      try {
        push(JSON.parse(text) as T);
      } catch (err) {
        throw new VigilError('BUNDLE_INVALID', `${name} line ${line}: ${(err as Error).message}`);
      }
    }
  };
  await read<{ advisory: Advisory }>('advisories.jsonl', (r) => advisories.push(r.advisory));
  await read<KevEntry>('kev.jsonl', (r) => kev.push(r));
  await read<EpssScore>('epss.jsonl', (r) => epss.push(r));
  return memoryIntel({ advisories, kev, epss });
}

const sevLabel = (s: string) => s.toUpperCase();

export function formatTable(report: ScanReport): string {
  const rows = report.findings.map((f) => ({
    severity: f.status === 'affected' ? sevLabel(f.severity) : `${sevLabel(f.severity)}?`,
    id: f.aliases.length ? `${f.id} (${f.aliases.join(', ')})` : f.id,
    component: f.component.version ? `${f.component.group ? `${f.component.group}/` : ''}${f.component.name}@${f.component.version}` : f.component.name,
    status: f.status,
    confidence: f.confidence,
    fixed: f.fixedVersions.join(', '),
    kev: f.kev ? 'KEV' : '',
  }));
  const head = rows.length
    ? table(rows, [
        ['severity', 'SEVERITY'],
        ['id', 'VULNERABILITY'],
        ['component', 'COMPONENT'],
        ['status', 'STATUS'],
        ['confidence', 'CONFIDENCE'],
        ['fixed', 'FIXED IN'],
        ['kev', 'KEV'],
      ])
    : 'No findings.\n';
  const c = report.counts;
  const sev = Object.entries(c.bySeverity).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
  return `${head}\n${c.affected} affected${sev ? ` (${sev})` : ''}, ${c.indeterminate} indeterminate, ${c.suppressed} suppressed; ${report.sbom.components} components scanned\n`;
}

function render(format: Format, report: ScanReport, sbom: ParsedSbom, sbomArg: string): string {
  switch (format) {
    case 'table':
      return formatTable(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(writeSarif(report, { sbomUri: sbomArg, toolVersion: toolVersion() }), null, 2)}\n`;
    case 'cyclonedx-vdr':
      return `${JSON.stringify(writeVdr(report, sbom.components, { toolVersion: toolVersion() }), null, 2)}\n`;
  }
}

const INPUT_CODES = ['SCAN_IGNORE_INVALID', 'BUNDLE_INVALID', 'BUNDLE_UNTRUSTED', 'BUNDLE_CHECKSUM_MISMATCH', 'BUNDLE_SIGNATURE_INVALID', 'CONFIG_INVALID'];

const scan: Command = {
  path: ['scan'],
  summary: 'Scan a CycloneDX SBOM offline against a Vigil database or mirror bundle (for build pipelines)',
  help: `Usage: vigil scan SBOM [--db BUNDLE | database options] [--format table|json|sarif|cyclonedx-vdr]
                  [--fail-on critical|high|medium|low|any] [--ignore FILE] [--output FILE]

Matches every component of SBOM (CycloneDX JSON 1.2–1.7) against the advisories of a Vigil
database, or of a mirror bundle written by \`vigil feeds export\` (--db BUNDLE; read into memory,
no database needed). Findings are grouped per vulnerability (alias group) and component.

Options:
  --db BUNDLE           mirror bundle to scan against (instead of a database)
  --format F            table (default), json (full evidence), sarif (SARIF 2.1.0),
                        cyclonedx-vdr (CycloneDX 1.6 vulnerability disclosure report)
  --fail-on SEVERITY    exit 1 when a finding is at or above SEVERITY
  --ignore FILE         JSON ignore file: { "ignore": [ { "id", "component"?, "reason", "expires" } ] }
  --output, -o FILE     write the report to FILE instead of stdout

Severity: from the vulnerability's highest CVSS base score (≥9 critical, ≥7 high, ≥4 medium,
>0 low, none = unknown); a vulnerability in the CISA KEV catalog counts as critical. Unknown
severity counts only for --fail-on any. Indeterminate findings (Vigil cannot decide) are shown
and counted separately, and count only toward --fail-on any.

Exit codes: 0 no finding at or above the threshold (or no --fail-on) · 1 findings at or above
--fail-on · 2 usage error, invalid SBOM, invalid ignore file or bundle · 3 failure.
See docs/scan.md.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, options);
    if (positionals.length !== 1) throw new UsageError('one SBOM file is required');
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${values.format}')`);
    const failOn = values['fail-on'] as FailOn | undefined;
    if (failOn !== undefined && !FAIL_ON_VALUES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got '${failOn}')`);
    if (values.db !== undefined && (values['data-dir'] !== undefined || values['database-url'] !== undefined)) throw new UsageError('--db BUNDLE cannot be combined with --data-dir or --database-url');
    const sbomArg = positionals[0]!;
    const sbomPath = resolve(io.cwd, sbomArg);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(sbomPath);
    } catch (err) {
      throw new UsageError(`cannot read SBOM ${sbomArg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    let ignoreText: string | null = null;
    if (values.ignore !== undefined) {
      try {
        ignoreText = readFileSync(resolve(io.cwd, values.ignore), 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ignore file ${values.ignore}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    try {
      const cfg = configFrom(io, values);
      let sbom: ParsedSbom;
      try {
        sbom = parseCycloneDxJson(bytes, { maxBytes: cfg.maxSbomBytes });
      } catch (err) {
        if (isVigilError(err)) {
          io.stderr.write(`error ${err.code}: ${sbomArg}: ${err.message}\n`);
          const errors = (err.details.errors as Array<{ path: string; message: string }> | undefined) ?? [];
          for (const e of errors.slice(0, 10)) io.stderr.write(`  ${e.path}: ${e.message}\n`);
          return EXIT.USAGE;
        }
        throw err;
      }
      const ignore: IgnoreRule[] = ignoreText === null ? [] : parseIgnoreFile(ignoreText, values.ignore!);
      const big = sbom.components.length > PROGRESS_THRESHOLD;
      const scanWith = (intel: ScanIntel) =>
        scanSbom({ intel }, sbom, {
          ignore,
          today: new Date().toISOString().slice(0, 10),
          ...(big ? { onProgress: (done: number, total: number) => io.stderr.write(`scanned ${done}/${total} components\n`) } : {}),
        });
      const report = values.db !== undefined ? await scanWith(await bundleIntel(resolve(io.cwd, values.db), cfg.bundleTrustedKeys, io)) : await withRuntime(cfg, (rt) => scanWith(runtimeIntel(rt)));

      for (const x of report.ignore.expired) io.stderr.write(`warning: ignore entry ${x.ruleIndex} (${x.rule.id}) expired on ${x.rule.expires} and no longer suppresses${x.wouldMatch ? ` (${x.wouldMatch} finding${x.wouldMatch === 1 ? '' : 's'} reported again)` : ''}\n`);
      for (const x of report.ignore.unused) io.stderr.write(`warning: ignore entry ${x.ruleIndex} (${x.rule.id}${x.rule.component ? `, ${x.rule.component}` : ''}) matched no finding\n`);

      const out = render(format, report, sbom, sbomArg);
      if (values.output !== undefined) {
        writeFileSync(resolve(io.cwd, values.output), out);
        if (format !== 'table') io.stderr.write(formatTable(report).split('\n').slice(-2).join('\n'));
      } else io.stdout.write(out);

      if (failOn === undefined) return EXIT.OK;
      const tripped = report.findings.filter((f) => tripsThreshold(f, failOn));
      if (tripped.length) {
        io.stderr.write(`${tripped.length} finding${tripped.length === 1 ? '' : 's'} at or above --fail-on ${failOn}\n`);
        return EXIT.FINDINGS;
      }
      return EXIT.OK;
    } catch (err) {
      if (isVigilError(err)) {
        io.stderr.write(`error ${err.code}: ${err.message}\n`);
        return INPUT_CODES.includes(err.code) ? EXIT.USAGE : EXIT.FAILURE;
      }
      throw err;
    }
  },
};

export const scanCommands: readonly Command[] = [scan];
