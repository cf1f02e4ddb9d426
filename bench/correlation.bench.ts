/**
 * Correlation at portfolio scale. Generates R releases × C components and A advisories, then
 * measures on PGlite (and PostgreSQL with BENCH_DATABASE_URL):
 *   - full correlation (`correlateAll`, the product's code path) from no findings: time,
 *     components/s, distinct component identities, peak RSS;
 *   - one new advisory → affected findings stored (p50/p95 over 20 advisories, after a warm-up);
 *   - one new 2,000-component SBOM → validated, stored and findings stored;
 *   - the same full correlation done the Dependency-Track way (one SQL look-up of vulnerable
 *     software rows per component, a range check per row), and the ratio.
 *
 * The portfolio is realistic about reuse: releases belong to product lines (about 20 releases per
 * line); a line's first release picks C packages (Zipf-like: a few libraries everywhere), each
 * later release inherits its predecessor's components and versions with a few upgrades (2 %) and
 * replacements (1 %). Advisories are OSV-shaped (introduced/fixed pairs, two-range advisories,
 * last_affected, 2 % withdrawn) over a wider package universe, heavy-tailed like real feeds.
 *
 * Bench fixture loader: advisories are ingested through the ingest use case; the portfolio
 * (products, releases through the use cases; SBOM rows, component rows and their look-up keys) is
 * written with set-based SQL as an import would leave it, without findings — the state the
 * previous bench measured from (import, then delete the findings) — because importing a million
 * components through the SBOM use case takes long on 2 cores. On PGlite the loaded data
 * directory is cached in the OS temp dir, keyed by the parameters and the schema version
 * (BENCH_FRESH=1 rebuilds it). What is measured is the product's own correlation code.
 *
 * Defaults: BENCH_RELEASES=100, BENCH_COMPONENTS=1000, BENCH_ADVISORIES=20000 (the full
 * scale is 1000 × 1000 × 200000). The Dependency-Track way runs over the first BENCH_DT_LIMIT
 * component instances (default 100,000) and is extrapolated linearly beyond, as printed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { listMigrations } from '../src/store/migrate.ts';

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

/** A release's components: package index and version. */
type Release = Array<{ i: number; v: string }>;

function firstRelease(r: () => number, n: number): Release {
  const out: Release = [];
  const used = new Set<number>();
  while (out.length < n) {
    const i = pick(r);
    if (used.has(i)) continue;
    used.add(i);
    out.push({ i, v: version(r) });
  }
  return out;
}

/** The next release of a line: the same components, 2 % upgraded, 1 % replaced by other packages. */
function nextRelease(r: () => number, prev: Release): Release {
  const used = new Set(prev.map((c) => c.i));
  return prev.map((c) => {
    const x = r();
    if (x < 0.01) {
      for (;;) {
        const i = pick(r);
        if (!used.has(i)) {
          used.add(i);
          return { i, v: version(r) };
        }
      }
    }
    if (x < 0.03) {
      const [maj, min, pat] = c.v.split('.').map(Number) as [number, number, number];
      return { i: c.i, v: r() < 0.7 ? `${maj}.${min}.${pat + 1}` : `${maj}.${min + 1}.0` };
    }
    return c;
  });
}

/** The portfolio, release by release (product lines of about 20 releases each, interleaved). */
function* portfolio(R: number, C: number): Generator<{ line: number; index: number; components: Release }> {
  const lines = Math.max(1, Math.round(R / 20));
  const rngs = Array.from({ length: lines }, (_, l) => rng(1000 + l));
  const last: Array<Release | null> = Array.from({ length: lines }, () => null);
  for (let k = 0; k < R; k++) {
    const l = k % lines;
    const prev = last[l];
    const components = prev ? nextRelease(rngs[l]!, prev) : firstRelease(rngs[l]!, C);
    last[l] = components;
    yield { line: l, index: Math.floor(k / lines), components };
  }
}

function cdxComponent(c: { i: number; v: string }) {
  const p = pkgOf(c.i);
  return { type: 'library', 'bom-ref': `c${c.i}`, name: p.osvName.split(/[:/]/).pop()!, version: c.v, purl: `${p.purlBase}@${c.v}` };
}

function sbomFor(seed: number, n: number): Uint8Array {
  const components = firstRelease(rng(seed), n).map(cdxComponent);
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }));
}

/**
 * Advisories name packages of a wider universe (100,000: the 20,000 that the portfolio uses and a
 * long tail that it does not), skewed towards the popular ones: at 200,000 advisories the most
 * advised package has about 90, an instance meets about 10 candidate advisories on average.
 */
const ADVISED = 100_000;
/** Version of the generator, part of the fixture cache's key. */
const GENERATOR = 3;
const pickAdvised = (r: () => number) => Math.floor(ADVISED * r() ** 1.5);

function advisoryFor(i: number, r: () => number): Advisory {
  const p = pkgOf(pickAdvised(r));
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

/**
 * Dependency-Track's way: per component, query its vulnerable-software rows, check each range.
 * Over the first `limit` instances; the caller extrapolates.
 */
async function dependencyTrackWay(rt: Runtime, limit: number): Promise<{ ms: number; affected: number; components: number }> {
  const started = performance.now();
  let affected = 0;
  let after = 0;
  let done = 0;
  while (done < limit) {
    const { rows } = await rt.db.query<{ id: number; purl: string }>(`SELECT c.id, c.purl FROM components c JOIN sboms s ON s.id = c.sbom_id AND s.status = 'imported' WHERE c.id > $1 ORDER BY c.id LIMIT $2`, [after, Math.min(1000, limit - done)]);
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
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  return { ms: performance.now() - started, affected, components: done };
}

const log = (m: string) => process.stderr.write(`  … ${m}\n`);

/**
 * Bench fixture loader: advisories through the ingest use case, products and releases through
 * their use cases, SBOM rows, component identities and component rows with set-based SQL (as an
 * import leaves them). No findings.
 */
async function load(rt: Runtime, R: number, C: number, A: number): Promise<void> {
  const actor = { kind: 'system' as const, id: 'bench', label: 'bench' };
  const r = rng(7);
  let t = performance.now();
  for (let i = 0; i < A; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, A - i) }, (_, k) => advisoryFor(i + k, r));
    await ingestBatch(rt, 'osv', { advisories: batch, watermark: i }, { commitWatermark: true });
    if (i % 20_000 === 0) log(`${i + batch.length} advisories`);
  }
  log(`${A} advisories ingested in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const products = new Map<number, string>();
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  for (const rel of portfolio(R, C)) {
    let productId = products.get(rel.line);
    if (!productId) products.set(rel.line, (productId = (await createProduct(rt, actor, { name: `Bench line ${rel.line}`, manufacturer: 'Bench' })).id));
    const release = await createRelease(rt, actor, productId, { version: `1.${rel.index}.0` });
    const sbomId = (await rt.db.query<{ id: string }>(
      `INSERT INTO sboms (id, release_id, label, filename, format, spec_version, metadata, status, component_count, byte_size, sha256, uploaded_at, uploaded_by, imported_at)
       VALUES (gen_random_uuid(), $1, 'application', 'bench.json', 'cyclonedx', '1.6', '{}', 'imported', $2, 0, '', $3, 'bench', $3) RETURNING id`,
      [release.id, rel.components.length, at],
    )).rows[0]!.id;
    const cs = rel.components.map(cdxComponent);
    // Identities and components as an import writes them (the same digest function).
    const digest = (u: string) => `component_identity_digest(${u}.name, NULL, ${u}.version, ${u}.purl, NULL, NULL, '[]'::jsonb, '[]'::jsonb)`;
    const params = [cs.map((c) => c['bom-ref']), cs.map((c) => c.name), cs.map((c) => c.version), cs.map((c) => c.purl)];
    await rt.db.query(
      `INSERT INTO component_identities (digest, name, version, purl, hashes, properties)
       SELECT DISTINCT ON (d) d, name, version, purl, '[]', '[]' FROM (SELECT ${digest('u')} AS d, u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(ref, name, version, purl)) x
       ORDER BY d ON CONFLICT (digest) DO NOTHING`,
      params,
    );
    await rt.db.query(
      `INSERT INTO components (sbom_id, release_id, ordinal, ref, type, name, version, purl, identity_id)
       SELECT $5, $6, u.n - 1, u.ref, 'library', u.name, u.version, u.purl, i.id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(ref, name, version, purl, n)
       JOIN component_identities i ON i.digest = ${digest('u')} ORDER BY u.n`,
      [...params, sbomId, release.id],
    );
    if ((rel.index * products.size + rel.line) % 100 === 99) log(`${rel.index * products.size + rel.line + 1} releases`);
  }
  // As a feed sync leaves the advisory tables (it refreshes their statistics as it ingests).
  await rt.uow.write((s) => s.findings.refreshStatistics('all'));
  log(`${R} releases × ${C} components loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function once(label: string, databaseUrl: string | null): Promise<void> {
  const R = Number(process.env.BENCH_RELEASES ?? 100);
  const C = Number(process.env.BENCH_COMPONENTS ?? 1000);
  const A = Number(process.env.BENCH_ADVISORIES ?? 20_000);
  const dtLimit = Number(process.env.BENCH_DT_LIMIT ?? 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-corr-'));
  const schema = createHash('sha256').update(listMigrations().map((m) => m.checksum).join()).digest('hex').slice(0, 8);
  const cache = join(tmpdir(), `vigil-bench-corr-cache-${R}x${C}x${A}-s${schema}-g${GENERATOR}`);
  const cached = !databaseUrl && !process.env.BENCH_FRESH && existsSync(join(cache, 'ready'));
  if (cached) cpSync(cache, dataDir, { recursive: true, filter: (src) => !src.endsWith('vigil.lock') && !src.endsWith('ready') });
  let rt = await openRuntime({ ...loadConfig({ env: {}, cwd: process.cwd() }), dataDir, databaseUrl }, { queue: false });
  const actor = { kind: 'system' as const, id: 'bench', label: 'bench' };
  try {
    if (!cached) {
      if (databaseUrl) await rt.db.exec('TRUNCATE identity_findings, finding_events, identity_keys, components, component_identities, component_dependencies, sbom_documents, sboms, releases, products, advisories, advisory_revisions, advisory_packages, advisory_cpes, vuln_identifiers, vuln_groups CASCADE');
      const t = performance.now();
      await load(rt, R, C, A);
      process.stdout.write(`${label}: fixture loaded in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      if (!databaseUrl) {
        await rt.close();
        rmSync(cache, { recursive: true, force: true });
        cpSync(dataDir, cache, { recursive: true, filter: (src) => !src.endsWith('vigil.lock') });
        writeFileSync(join(cache, 'ready'), '');
        rt = await openRuntime({ ...loadConfig({ env: {}, cwd: process.cwd() }), dataDir, databaseUrl }, { queue: false });
      }
    } else process.stdout.write(`${label}: fixture from the cache (${cache})\n`);
    const { rows: shape } = await rt.db.query<{ n: number; d: number }>(`SELECT (SELECT count(*)::int FROM components) AS n, (SELECT count(*)::int FROM component_identities) AS d`);
    const instances = shape[0]!.n;
    process.stdout.write(`${label}: ${R} releases × ${C} components = ${instances} component instances, ${shape[0]!.d} distinct identities; ${A} advisories\n`);

    let t = performance.now();
    const full = await correlateAll(rt, (done) => {
      if (done % 100_000 < 10_000) log(`${done} components correlated`);
    });
    const fullSecs = (performance.now() - t) / 1000;
    const { rows } = await rt.db.query<{ n: number; i: number }>(`SELECT (SELECT count(*)::int FROM findings WHERE active AND status = 'affected') AS n, (SELECT count(*)::int FROM identity_findings) AS i`);
    process.stdout.write(`${label}: full correlation ${fullSecs.toFixed(1)} s = ${Math.round(instances / fullSecs)} components/s, ${full.new} findings (${rows[0]!.n} affected) from ${full.identities} identities and ${rows[0]!.i} identity findings, peak RSS ${rss()} MB\n`);

    const dt = await dependencyTrackWay(rt, dtLimit);
    const dtSecs = (dt.ms / 1000) * (instances / Math.max(1, dt.components));
    const partial = dt.components < instances ? ` (measured over ${dt.components} instances in ${(dt.ms / 1000).toFixed(1)} s, extrapolated to ${instances})` : '';
    process.stdout.write(`${label}: Dependency-Track way (per-component SQL + range checks) ${dtSecs.toFixed(1)} s${partial}, ${dt.affected} affected matches → Vigil is ${(dtSecs / fullSecs).toFixed(1)}× faster\n`);

    const times: number[] = [];
    // One warm-up advisory (not counted), then 20 timed.
    for (let i = 0; i <= 20; i++) {
      const adv = advisoryFor(A + i, rng(99 + i));
      const s = performance.now();
      await ingestBatch(rt, 'osv', { advisories: [adv], watermark: A + i }, { commitWatermark: true });
      if (i > 0) times.push(performance.now() - s);
    }
    process.stdout.write(`${label}: one new advisory → findings stored: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms\n`);

    // Reading findings through the instance view: a release's page, "who is affected", the portfolio's first page.
    const { rows: probe } = await rt.db.query<{ release_id: string; group_id: number }>(
      `SELECT (SELECT release_id FROM components ORDER BY id DESC LIMIT 1) AS release_id, (SELECT group_id FROM identity_findings GROUP BY group_id ORDER BY count(*) DESC LIMIT 1) AS group_id`,
    );
    for (const [what, fq] of [
      ['a release\'s findings, first page of 50 with the total', { releaseId: probe[0]!.release_id }],
      ['who is affected by the most widespread vulnerability, first page', { groupId: Number(probe[0]!.group_id) }],
      ['the portfolio\'s findings, first page', {}],
    ] as const) {
      const s = performance.now();
      const page = await rt.uow.read((st) => st.findings.query({ active: true, offset: 0, limit: 50, ...fq }));
      process.stdout.write(`${label}: ${what}: ${(performance.now() - s).toFixed(0)} ms (${page.total} findings)\n`);
    }

    const product = await createProduct(rt, actor, { name: `Bench new ${Date.now()}`, manufacturer: 'Bench' });
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
  if (process.env.BENCH_ENGINE !== 'postgres') await once('PGlite', null);
  if (process.env.BENCH_DATABASE_URL) await once('PostgreSQL', process.env.BENCH_DATABASE_URL);
  else process.stdout.write('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)\n');
}
