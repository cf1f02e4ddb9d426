/**
 * OSV parse throughput (records/s) on generated records, and the generator itself:
 * `generateOsvRecords(n, seed)` gives deterministic, realistic OSV records (several ecosystems,
 * introduced/fixed range pairs, explicit versions, CVE/GHSA aliases shared across records,
 * CVSS v3/v4 severities, CWE ids, references, some withdrawn), for the 200,000-record ingest bench.
 */
import { performance } from 'node:perf_hooks';
import { parseOsvRecord } from '../src/formats/osv/osv.parser.ts';
import { groupAliases } from '../src/domain/advisories/aliases.ts';

/** mulberry32: a small seeded PRNG, so the same seed gives the same records. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ECOSYSTEMS: ReadonlyArray<{ ecosystem: string; prefix: string; name: (r: () => number, i: number) => string; rangeType: 'SEMVER' | 'ECOSYSTEM' }> = [
  { ecosystem: 'npm', prefix: 'GHSA', name: (r, i) => (r() < 0.3 ? `@scope${i % 97}/pkg-${i % 1009}` : `pkg-${i % 2003}`), rangeType: 'SEMVER' },
  { ecosystem: 'PyPI', prefix: 'PYSEC', name: (_r, i) => `py-lib-${i % 1511}`, rangeType: 'ECOSYSTEM' },
  { ecosystem: 'Maven', prefix: 'GHSA', name: (_r, i) => `org.example${i % 53}:artifact-${i % 887}`, rangeType: 'ECOSYSTEM' },
  { ecosystem: 'Go', prefix: 'GO', name: (_r, i) => `github.com/org${i % 71}/mod${i % 613}`, rangeType: 'SEMVER' },
  { ecosystem: 'Debian:12', prefix: 'DEBIAN', name: (_r, i) => `src-pkg-${i % 701}`, rangeType: 'ECOSYSTEM' },
  { ecosystem: 'crates.io', prefix: 'RUSTSEC', name: (_r, i) => `crate_${i % 433}`, rangeType: 'SEMVER' },
];

const B32 = '23456789cfghjmpqrvwx';

function ghsaId(r: () => number): string {
  const part = () => Array.from({ length: 4 }, () => B32[Math.floor(r() * B32.length)]).join('');
  return `GHSA-${part()}-${part()}-${part()}`;
}

function ver(r: () => number, major: number): string {
  return `${major}.${Math.floor(r() * 20)}.${Math.floor(r() * 30)}`;
}

function iso(r: () => number, yearFrom: number): string {
  const t = Date.UTC(yearFrom, 0, 1) + Math.floor(r() * 5 * 365 * 86_400_000);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/u, r() < 0.5 ? 'Z' : `.${String(Math.floor(r() * 1e6)).padStart(6, '0')}Z`);
}

/** `n` deterministic OSV records for `seed`. About 40% share a CVE with another record. */
export function generateOsvRecords(n: number, seed = 1): Array<Record<string, unknown>> {
  const r = prng(seed);
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < n; i++) {
    const eco = ECOSYSTEMS[i % ECOSYSTEMS.length]!;
    const year = 2018 + (i % 8);
    const cveNumber = r() < 0.4 ? Math.floor(i / 2) : i; // pairs of records share a CVE
    const cve = `CVE-${year}-${String(10_000 + cveNumber).padStart(5, '0')}`;
    const id = eco.prefix === 'GHSA' ? ghsaId(r) : `${eco.prefix}-${year}-${i}`;
    const aliases = [cve, ...(r() < 0.2 && eco.prefix !== 'GHSA' ? [ghsaId(r)] : [])];
    const packages = 1 + (r() < 0.25 ? 1 : 0) + (r() < 0.05 ? 2 : 0);
    const affected = Array.from({ length: packages }, (_x, k) => {
      const pairs = 1 + Math.floor(r() * 3);
      const events: Array<Record<string, string>> = [];
      for (let p = 0; p < pairs; p++) {
        events.push({ introduced: p === 0 && r() < 0.4 ? '0' : ver(r, p + 1) });
        if (r() < 0.9) events.push({ fixed: ver(r, p + 1) });
      }
      return {
        package: { ecosystem: eco.ecosystem, name: eco.name(r, i + k) },
        ranges: [{ type: eco.rangeType, events }],
        ...(r() < 0.3 ? { versions: Array.from({ length: 1 + Math.floor(r() * 6) }, () => ver(r, 1)) } : {}),
        ...(r() < 0.2 ? { ecosystem_specific: { imports: [{ path: `pkg/${i}`, symbols: ['Parse'] }] } } : {}),
      };
    });
    const published = iso(r, 2018);
    const record: Record<string, unknown> = {
      schema_version: '1.6.0',
      id,
      modified: iso(r, 2023),
      published,
      aliases,
      summary: `Generated vulnerability ${i} in ${eco.ecosystem}`,
      details: 'A generated record for benchmarks. '.repeat(1 + Math.floor(r() * 8)),
      severity: [
        r() < 0.7
          ? { type: 'CVSS_V3', score: `CVSS:3.1/AV:${r() < 0.7 ? 'N' : 'L'}/AC:L/PR:${r() < 0.5 ? 'N' : 'L'}/UI:N/S:U/C:H/I:${r() < 0.5 ? 'H' : 'N'}/A:N` }
          : { type: 'CVSS_V4', score: `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:${r() < 0.5 ? 'N' : 'P'}/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N` },
      ],
      affected,
      references: [
        { type: 'ADVISORY', url: `https://example.invalid/advisories/${id}` },
        { type: 'WEB', url: `https://example.invalid/issues/${i}` },
      ],
      database_specific: { cwe_ids: [`CWE-${[79, 89, 22, 787, 20, 400][i % 6]}`], severity: ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'][i % 4] },
    };
    if (r() < 0.02) record.withdrawn = record.modified;
    if (r() < 0.05) record.related = [`CVE-${year}-${String(20_000 + i).padStart(5, '0')}`];
    out.push(record);
  }
  return out;
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

export async function run(): Promise<void> {
  const N = 20_000;
  let t = performance.now();
  const records = generateOsvRecords(N, 42);
  let ms = performance.now() - t;
  process.stdout.write(`generate ${N.toLocaleString('en-US')} OSV records: ${ms.toFixed(0)} ms (${rate(N, ms)})\n`);

  parseOsvRecord(records[0]); // compile the schema outside the timing
  t = performance.now();
  let ok = 0;
  for (const rec of records) if (parseOsvRecord(rec).ok) ok++;
  ms = performance.now() - t;
  process.stdout.write(`parse + validate (objects): ${rate(N, ms)}  (${ok.toLocaleString('en-US')}/${N.toLocaleString('en-US')} valid, ${ms.toFixed(0)} ms)\n`);

  const texts = records.map((rec) => JSON.stringify(rec));
  t = performance.now();
  for (const text of texts) parseOsvRecord(JSON.parse(text));
  ms = performance.now() - t;
  const mb = texts.reduce((s, x) => s + x.length, 0) / 1e6;
  process.stdout.write(`JSON.parse + parse + validate (text, ${mb.toFixed(1)} MB): ${rate(N, ms)}\n`);

  const advisories = records.map((rec) => parseOsvRecord(rec)).flatMap((x) => (x.ok ? [x.advisory] : []));
  t = performance.now();
  const groups = groupAliases(advisories);
  ms = performance.now() - t;
  process.stdout.write(`alias grouping of ${advisories.length.toLocaleString('en-US')} advisories: ${ms.toFixed(0)} ms (${groups.length.toLocaleString('en-US')} groups)\n`);
}
