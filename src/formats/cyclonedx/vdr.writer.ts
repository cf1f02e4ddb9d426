/**
 * CycloneDX 1.6 Vulnerability Disclosure Report (VDR) of a scan (docs/scan.md): a BOM with the
 * affected components (same bom-refs as the scanned SBOM) and one `vulnerabilities[]` entry per
 * vulnerability (alias group) with id, source, references (aliases), ratings, CWEs and `affects`
 * pointing at the components by bom-ref. `analysis` is omitted: Vigil states a match, not a
 * triage decision. Deterministic: no timestamp or serial number unless given; lists sorted.
 */
import type { MatchStatus } from '../../domain/matching/index.ts';

/** What the writer reads of a scan finding (`ScanFinding` of src/app/scan.ts is one). */
export interface VdrFinding {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly status: MatchStatus;
  readonly severity: string;
  readonly kev: { readonly dateAdded: string } | null;
  readonly epss: { readonly epss: number; readonly percentile: number } | null;
  readonly summary: string | null;
  readonly cwes: readonly string[];
  readonly severities: ReadonlyArray<{ readonly source: string; readonly type: string; readonly vector: string | null; readonly score: number | null }>;
  readonly component: { readonly ref: string; readonly version: string | null };
  readonly fixedVersions: readonly string[];
}

type ScanFinding = VdrFinding;
/** What the writer reads of a scan report (`ScanReport` of src/app/scan.ts is one). */
export interface VdrReport {
  readonly findings: readonly VdrFinding[];
  readonly sbom: { readonly subject: { readonly name: string; readonly version: string | null; readonly type: string } | null };
}
type ScanReport = VdrReport;
import type { SbomComponent } from '../../domain/inventory/sbom.ts';

export interface VdrOptions {
  readonly toolVersion: string;
  /** ISO date-time; omitted unless given (keeps the output reproducible). */
  readonly timestamp?: string;
  /** `urn:uuid:…`; omitted unless given. */
  readonly serialNumber?: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function vulnerabilitySource(id: string): { name: string; url: string } {
  if (/^CVE-\d{4}-\d+$/.test(id)) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` };
}

type Rating = { source?: { name: string }; score?: number; severity: string; method?: string; vector?: string };

function cvssSeverity(score: number): string {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

function method(type: string, vector: string | null): string {
  if (type === 'CVSS_V2') return 'CVSSv2';
  if (type === 'CVSS_V4') return 'CVSSv4';
  if (type === 'CVSS_V3') return vector?.startsWith('CVSS:3.1/') ? 'CVSSv31' : 'CVSSv3';
  return 'other';
}

/** Ratings by source and method, from the severities the scan's advisories carry. */
function ratings(findings: readonly ScanFinding[]): Rating[] {
  const out = new Map<string, Rating>();
  for (const f of findings)
    for (const s of f.severities) {
      if (s.type === 'vendor' || s.score === null) continue;
      const r: Rating = { source: { name: s.source }, score: s.score, severity: cvssSeverity(s.score), method: method(s.type, s.vector), ...(s.vector ? { vector: s.vector } : {}) };
      out.set(`${s.source}|${r.method}|${s.vector ?? ''}|${s.score}`, r);
    }
  return [...out.entries()].sort(([a], [b]) => cmp(a, b)).map(([, r]) => r);
}

export function writeVdr(
  report: ScanReport,
  sbomComponents: readonly SbomComponent[],
  opts: VdrOptions,
): object {
  const byId = new Map<string, ScanFinding[]>();
  for (const f of report.findings) {
    let list = byId.get(f.id);
    if (!list) byId.set(f.id, (list = []));
    list.push(f);
  }
  const refs = new Set(report.findings.map((f) => f.component.ref));
  const components = sbomComponents
    .filter((c) => refs.has(c.ref))
    .sort((a, b) => cmp(a.ref, b.ref))
    .map((c) => ({
      type: c.type,
      'bom-ref': c.ref,
      ...(c.group ? { group: c.group } : {}),
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      ...(c.purl ? { purl: c.purl } : {}),
      ...(c.cpe ? { cpe: c.cpe } : {}),
    }));
  const vulnerabilities = [...byId.keys()].sort(cmp).map((id) => {
    const fs = byId.get(id)!;
    const f = fs[0]!;
    const cwes = [...new Set(fs.flatMap((x) => x.cwes).map((c) => /^CWE-(\d+)$/i.exec(c)?.[1]).filter((x): x is string => x !== undefined).map(Number))].sort((a, b) => a - b);
    const r = ratings(fs);
    const properties = [
      ...(f.kev ? [{ name: 'vigil:kev:dateAdded', value: f.kev.dateAdded }] : []),
      ...(f.epss ? [{ name: 'vigil:epss', value: String(f.epss.epss) }, { name: 'vigil:epss:percentile', value: String(f.epss.percentile) }] : []),
      { name: 'vigil:severity', value: f.severity },
    ];
    const fixed = [...new Set(fs.flatMap((x) => x.fixedVersions))];
    return {
      id,
      source: vulnerabilitySource(id),
      ...(f.aliases.length ? { references: f.aliases.map((a) => ({ id: a, source: vulnerabilitySource(a) })) } : {}),
      ...(r.length ? { ratings: r } : {}),
      ...(cwes.length ? { cwes } : {}),
      ...(f.summary ? { description: f.summary } : {}),
      ...(fixed.length ? { recommendation: `Upgrade to a fixed version: ${fixed.join(', ')}` } : {}),
      affects: [...fs]
        .sort((a, b) => cmp(a.component.ref, b.component.ref))
        .map((x) => ({ ref: x.component.ref, ...(x.component.version ? { versions: [{ version: x.component.version, status: x.status === 'affected' ? 'affected' : 'unknown' }] } : {}) })),
      properties,
    };
  });
  const subject = report.sbom.subject;
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    ...(opts.serialNumber ? { serialNumber: opts.serialNumber } : {}),
    version: 1,
    metadata: {
      ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
      tools: { components: [{ type: 'application', name: 'Vigil', version: opts.toolVersion }] },
      ...(subject ? { component: { type: subject.type, name: subject.name, ...(subject.version ? { version: subject.version } : {}) } } : {}),
    },
    components,
    vulnerabilities,
  };
}
