/**
 * Correlation at portfolio scale. Generates R releases × C components (realistic ecosystem mix,
 * heavy name reuse) and A advisories (OSV-shaped, introduced/fixed pairs, last_affected, some
 * withdrawn), then measures on PGlite (and PostgreSQL with BENCH_DATABASE_URL):
 *   - full correlation (`correlateAll`) from no findings: time, components/s, peak RSS;
 *   - one new advisory → affected findings stored (p50/p95 over 20 advisories);
 *   - one new 2,000-component SBOM → findings stored;
 *   - the same full correlation done the Dependency-Track way (one SQL look-up of vulnerable
 *     software rows per component, a range check per row), and the ratio.
 * Defaults: BENCH_RELEASES=100, BENCH_COMPONENTS=1000, BENCH_ADVISORIES=20000 (the full
 * scale is 1000 × 1000 × 200000: set the variables; it takes long on 2 cores).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correlateAll } from '../src/app/correlate.ts';
import { runSbomImport, submitSbom } from '../src/app/import-sbom.ts';
import { ingestBatch } from '../src/app/ingest-advisories.ts';
import { createProduct, createRelease } from '../src/app/inventory.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Advisory } from '../src/domain/advisories/advisory.ts';
import { evaluateOsvAffected } from '../src/domain/ranges/osv.ts';
import { openRuntime, type Runtime } from '../src/runtime/runtime.ts';

const ECOS = [
  { eco: 'npm', type: 'npm', weight: 35 },
  { eco: 'PyPI', type: 'pypi', weight: 15 },
  { eco: 'Maven', type: 'maven', weight: 20 },
  { eco: 'Go', type: 'golang', weight: 10 },
  { eco: 'NuGet', type: 'nuget', weight: 5 },
  { eco: 'RubyGems', type: 'gem', weight: 5 },
  { eco: 'crates.io', type: 'cargo', weight: 10 },
] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POOL = 20_000;
function pkgOf(i: number) {
  let w = i % 100;
  const e = ECOS.find((x) => (w -= x.weight) < 0) ?? ECOS[0]!;
  const name = `lib${i}`;
  const purlBase = e.type === 'maven' ? `pkg:maven/org.bench/${name}` : e.type === 'golang' ? `pkg:golang/github.com/bench/${name}` : `pkg:${e.type}/${name}`;
  const osvName = e.type === 'maven' ? `org.bench:${name}` : e.type === 'golang' ? `github.com/bench/${name}` : name;
  return { eco: e.eco, purlBase, osvName };
}

/** Zipf-like choice: low indexes are used far more often (name reuse across releases). */
const pick = (r: () => number) => Math.min(POOL - 1, Math.floor(POOL * r() ** 3));
const version = (r: () => number) => `${1 + Math.floor(r() * 4)}.${Math.floor(r() * 12)}.${Math.floor(r() * 20)}`;

function sbomFor(seed: number, n: number): Uint8Array {
  const r = rng(seed);
  const components = [];
  const used = new Set<number>();
  while (components.length < n) {
    const i = pick(r);
    if (used.has(i)) continue;
    used.add(i);
    const p = pkgOf(i);
    components.push({ type: 'library', 'bom-ref': `c${i}`, name: p.osvName.split(/[:/]/).pop(), version: version(r), purl: `${p.purlBase}@${version(r)}` });
  }
  for (const c of components) c.version = c.purl.slice(c.purl.lastIndexOf('@') + 1);
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }));
}

function advisoryFor(i: number, r: () => number): Advisory {
  const p = pkgOf(pick(r));
  const major = 1 + Math.floor(r() * 4);
  const events = r() < 0.15
    ? [{ introduced: '0' }, { last_affected: `${major}.${Math.floor(r() * 12)}.${Math.floor(r() * 20)}` }]
    : r() < 0.3
      ? [{ introduced: `${major}.0.0` }, { fixed: `${major}.${Math.floor(r() * 12)}.0` }, { introduced: `${major + 1}.0.0` }, { fixed: `${major + 1}.${Math.floor(r() * 12)}.1` }]
      : [{ introduced: '0' }, { fixed: `${major}.${Math.floor(r() * 12)}.${Math.floor(r() * 20)}` }];
  return {
    source: 'osv', id: `BENCH-${i}`, aliases: [`CVE-2030-${100000 + i}`], related: [], summary: null, details: null,
    published: '2025-01-01T00:00:00Z', modified: '2025-01-01T00:00:00Z', withdrawn: r() < 0.02 ? '2025-02-01T00:00:00Z' : null,
    affected: [{ purl: p.purlBase, ecosystem: p.eco, name: p.osvName, ranges: [{ type: 'ECOSYSTEM', events }], versions: [], fixedVersions: [] }],
    cpeConfigurations: [], csafProducts: [], severities: [], cwes: [], references: [], credits: [],
  };
}

const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** Dependency-Track's way: per component, query its vulnerable-software rows, check each range. */
async function dependencyTrackWay(rt: Runtime): Promise<{ ms: number; affected: number }> {
  const started = performance.now();
  let affected = 0;
  let after = 0;
  for (;;) {
    const { rows } = await rt.db.query<{ id: number; purl: string }>(`SELECT c.id, c.purl FROM components c JOIN sboms s ON s.id = c.sbom_id AND s.status = 'imported' WHERE c.id > $1 ORDER BY c.id LIMIT 1000`, [after]);
    if (rows.length === 0) break;
    for (const c of rows) {
      const at = c.purl.lastIndexOf('@');
      const key = c.purl.slice(0, at);
      const v = c.purl.slice(at + 1);
      const { rows: vs } = await rt.db.query<{ data: { ecosystem: string; name: string; ranges: unknown[]; versions: string[] }; withdrawn: Date | null }>(
        'SELECT p.data, a.withdrawn FROM advisory_packages p JOIN advisories a USING (source, advisory_id) WHERE p.package_key = $1',
        [key],
      );
      for (const row of vs) {
        if (row.withdrawn) continue;
        const r = evaluateOsvAffected({ package: { ecosystem: row.data.ecosystem, name: row.data.name }, ranges: row.data.ranges, versions: row.data.versions } as never, v);
        if (r.status === 'affected') affected += 1;
      }
    }
    after = rows[rows.length - 1]!.id;
  }
  return { ms: performance.now() - started, affected };
}

async function once(label: string, databaseUrl: string | null): Promise<void> {
  const R = Number(process.env.BENCH_RELEASES ?? 100);
  const C = Number(process.env.BENCH_COMPONENTS ?? 1000);
  const A = Number(process.env.BENCH_ADVISORIES ?? 20_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-corr-'));
  const rt = await openRuntime({ ...loadConfig({ env: {}, cwd: process.cwd() }), dataDir, databaseUrl }, { queue: false });
  if (databaseUrl) await rt.db.exec('TRUNCATE findings, finding_events, component_keys, components, component_dependencies, sbom_documents, sboms, releases, products, advisories, advisory_revisions, advisory_packages, advisory_cpes, vuln_identifiers, vuln_groups CASCADE');
  const actor = { kind: 'system' as const, id: 'bench', label: 'bench' };
  try {
    const r = rng(7);
    let t = performance.now();
    for (let i = 0; i < A; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, A - i) }, (_, k) => advisoryFor(i + k, r));
      await ingestBatch(rt, 'osv', { advisories: batch, watermark: i }, { commitWatermark: true });
    }
    process.stdout.write(`${label}: ${A} advisories ingested in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    t = performance.now();
    const product = await createProduct(rt, actor, { name: `Bench ${Date.now()}`, manufacturer: 'Bench' });
    for (let i = 0; i < R; i++) {
      const rel = await createRelease(rt, actor, product.id, { version: `1.${i}.0` });
      const { sbom } = await submitSbom(rt.importDeps, actor, { releaseId: rel.id, label: 'application', filename: 'b.json', bytes: sbomFor(1000 + i, C), enqueue: false });
      await runSbomImport(rt.importDeps, sbom.id);
    }
    const importSecs = (performance.now() - t) / 1000;
    const instances = R * C;
    process.stdout.write(`${label}: ${R} releases × ${C} components = ${instances} component instances imported and correlated in ${importSecs.toFixed(1)} s\n`);

    await rt.db.query('DELETE FROM findings');
    t = performance.now();
    const full = await correlateAll(rt);
    const fullSecs = (performance.now() - t) / 1000;
    const { rows } = await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM findings WHERE active AND status = 'affected'`);
    process.stdout.write(`${label}: full correlation ${fullSecs.toFixed(1)} s = ${Math.round(instances / fullSecs)} components/s, ${full.new} findings (${rows[0]!.n} affected), peak RSS ${rss()} MB\n`);

    const dt = await dependencyTrackWay(rt);
    process.stdout.write(`${label}: Dependency-Track way (per-component SQL + range checks) ${(dt.ms / 1000).toFixed(1)} s, ${dt.affected} affected matches → Vigil is ${(dt.ms / 1000 / fullSecs).toFixed(1)}× faster\n`);

    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const adv = advisoryFor(A + i, rng(99 + i));
      const s = performance.now();
      await ingestBatch(rt, 'osv', { advisories: [adv], watermark: A + i }, { commitWatermark: true });
      times.push(performance.now() - s);
    }
    process.stdout.write(`${label}: one new advisory → findings stored: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms\n`);

    const rel = await createRelease(rt, actor, product.id, { version: '9.9.9' });
    t = performance.now();
    const { sbom } = await submitSbom(rt.importDeps, actor, { releaseId: rel.id, label: 'application', filename: 'new.json', bytes: sbomFor(424242, 2000), enqueue: false });
    await runSbomImport(rt.importDeps, sbom.id);
    process.stdout.write(`${label}: one new 2,000-component SBOM → validated, stored and findings stored in ${((performance.now() - t) / 1000).toFixed(2)} s\n`);
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await once('PGlite', null);
  if (process.env.BENCH_DATABASE_URL) await once('PostgreSQL', process.env.BENCH_DATABASE_URL);
  else process.stdout.write('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)\n');
}
