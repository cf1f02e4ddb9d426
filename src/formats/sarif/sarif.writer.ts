/**
 * SARIF 2.1.0 output of a scan (docs/scan.md): one rule per vulnerability (alias group), one
 * result per (vulnerability, component) finding, located in the SBOM file with the component as a
 * logical location. Levels from the effective severity: critical/high → error, medium → warning,
 * low/unknown and indeterminate findings → note. Sorted, so the same scan gives the same bytes.
 */
import type { MatchConfidence, MatchResult, MatchStatus } from '../../domain/matching/index.ts';

/** What the writer reads of a scan finding (`ScanFinding` of src/app/scan.ts is one). */
export interface SarifFinding {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly status: MatchStatus;
  readonly confidence: MatchConfidence;
  readonly severity: Severity;
  readonly maxCvss: number | null;
  readonly kev: object | null;
  readonly epss: object | null;
  readonly summary: string | null;
  readonly cwes: readonly string[];
  readonly component: { readonly ref: string; readonly name: string; readonly group: string | null; readonly version: string | null; readonly purl: string | null };
  readonly fixedVersions: readonly string[];
  readonly advisories: ReadonlyArray<{ readonly source: string; readonly id: string }>;
  readonly evidence: readonly MatchResult[];
}

type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';
type ScanFinding = SarifFinding;
type ScanReport = { readonly findings: readonly SarifFinding[] };

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** The scanned SBOM as a URI reference (relative path as given on the command line). */
  readonly sbomUri: string;
  readonly toolVersion: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(f: Pick<ScanFinding, 'status' | 'severity'>): SarifLevel {
  if (f.status !== 'affected') return 'note';
  const bySeverity: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', unknown: 'note' };
  return bySeverity[f.severity];
}

function helpUri(id: string): string {
  if (/^CVE-\d{4}-\d+$/.test(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (id.startsWith('GHSA-')) return `https://github.com/advisories/${id}`;
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function componentLabel(f: ScanFinding): string {
  const name = f.component.group ? `${f.component.group}/${f.component.name}` : f.component.name;
  return f.component.version ? `${name}@${f.component.version}` : name;
}

/** Toward a path that is a valid URI reference: forward slashes, percent-encode what must be. */
export function toUriReference(path: string): string {
  return path.replace(/\\/g, '/').split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/');
}

export function writeSarif(report: ScanReport, opts: SarifOptions): object {
  const byRule = new Map<string, ScanFinding[]>();
  for (const f of report.findings) {
    let list = byRule.get(f.id);
    if (!list) byRule.set(f.id, (list = []));
    list.push(f);
  }
  const ruleIds = [...byRule.keys()].sort(cmp);
  const rules = ruleIds.map((id) => {
    const f = byRule.get(id)![0]!;
    const text = f.summary ?? `${id}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}`;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]/g, ''),
      shortDescription: { text },
      fullDescription: { text: `${id}${f.aliases.length ? ` (aliases: ${f.aliases.join(', ')})` : ''}: ${text}` },
      helpUri: helpUri(id),
      help: { text: `See ${helpUri(id)}. Fixed versions: ${[...new Set(byRule.get(id)!.flatMap((x) => x.fixedVersions))].join(', ') || 'none named'}.` },
      defaultConfiguration: { level: sarifLevel({ status: byRule.get(id)!.some((x) => x.status === 'affected') ? 'affected' : 'indeterminate', severity: f.severity }) },
      properties: {
        tags: ['security', 'vulnerability', ...f.cwes],
        ...(f.maxCvss !== null ? { 'security-severity': f.maxCvss.toFixed(1) } : {}),
        severity: f.severity,
        aliases: f.aliases,
        kev: f.kev !== null,
      },
    };
  });
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sorted = [...report.findings].sort((a, b) => cmp(a.id, b.id) || cmp(componentLabel(a), componentLabel(b)) || cmp(a.component.ref, b.component.ref));
  const results = sorted.map((f) => {
    const label = componentLabel(f);
    const fixed = f.fixedVersions.length ? `; fixed in ${f.fixedVersions.join(', ')}` : '';
    const verb = f.status === 'affected' ? 'is affected by' : 'may be affected by (indeterminate)';
    return {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id)!,
      level: sarifLevel(f),
      message: { text: `${label} ${verb} ${f.id} [${f.severity}${f.kev ? ', KEV' : ''}, confidence ${f.confidence}]${fixed}. ${f.evidence[0]?.evidence.reason ?? ''}`.trim() },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: toUriReference(opts.sbomUri), index: 0 } },
          logicalLocations: [{ name: label, fullyQualifiedName: f.component.purl ?? f.component.ref, kind: 'module' }],
        },
      ],
      partialFingerprints: { 'vigilFinding/v1': `${f.id}|${f.component.purl ?? f.component.ref}` },
      properties: {
        status: f.status,
        confidence: f.confidence,
        severity: f.severity,
        componentRef: f.component.ref,
        fixedVersions: f.fixedVersions,
        advisories: f.advisories.map((a) => `${a.source}:${a.id}`),
        ...(f.kev ? { kev: f.kev } : {}),
        ...(f.epss ? { epss: f.epss } : {}),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Vigil', version: opts.toolVersion, rules } },
        artifacts: [{ location: { uri: toUriReference(opts.sbomUri) }, mimeType: 'application/vnd.cyclonedx+json' }],
        results,
      },
    ],
  };
}
