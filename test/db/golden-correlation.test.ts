/**
 * Golden correlation test: the real SBOMs of cyclonedx-bom-examples/SBOM against a fixed set of
 * real OSV advisories (test/fixtures/golden/advisories). The expected findings were derived by
 * hand from each SBOM's component versions and each advisory's published ranges; the derivation
 * is written down in docs/golden-findings.md. Both orders are checked: advisories ingested after
 * the SBOMs are imported, and SBOMs imported after the advisories are ingested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/domain/advisories/advisory.ts';
import { runSbomImport, submitSbom } from '../../src/app/import-sbom.ts';
import { ingestBatch } from '../../src/app/ingest-advisories.ts';
import { createProduct, createRelease } from '../../src/app/inventory.ts';
import { parseOsvDocument } from '../../src/formats/osv/osv.parser.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const present = requireConformanceData();
const actor = { kind: 'system' as const, id: 'test', label: 'test' };

/** One product and release per real SBOM. */
const SBOMS = [
  { product: 'juice-shop', release: '11.1.2', file: ['juice-shop', 'v11.1.2', 'bom.json'] },
  { product: 'dropwizard', release: '1.3.15', file: ['dropwizard-1.3.15', 'bom.json'] },
  { product: 'laravel', release: '7.12.0', file: ['laravel-7.12.0', 'bom.1.4.json'] },
  { product: 'proton-bridge', release: '1.8.0', file: ['proton-bridge', 'proton-bridge-v1.8.0.bom.json'] },
  { product: 'cern-lhc-vdm-editor', release: 'e564943', file: ['cern-lhc-vdm-editor-e564943', 'bom.json'] },
] as const;

/**
 * Hand-derived (docs/golden-findings.md): `product/release component@version → primary id, status, confidence`.
 * Every one is a purl match on an OSV range, hence affected/high.
 */
const EXPECTED = [
  'juice-shop/11.1.2 jsonwebtoken@0.1.0 → CVE-2015-9235 affected high',
  'juice-shop/11.1.2 jsonwebtoken@0.4.0 → CVE-2015-9235 affected high',
  'juice-shop/11.1.2 express-jwt@0.1.3 → CVE-2020-15084 affected high',
  'juice-shop/11.1.2 moment@2.0.0 → CVE-2022-24785 affected high',
  'juice-shop/11.1.2 moment@2.27.0 → CVE-2022-24785 affected high',
  'juice-shop/11.1.2 moment@2.0.0 → CVE-2017-18214 affected high',
  'juice-shop/11.1.2 lodash@2.4.2 → CVE-2021-23337 affected high',
  'juice-shop/11.1.2 lodash@4.17.19 → CVE-2021-23337 affected high',
  'juice-shop/11.1.2 minimist@0.2.1 → CVE-2021-44906 affected high',
  'juice-shop/11.1.2 minimist@1.2.5 → CVE-2021-44906 affected high',
  'juice-shop/11.1.2 marsdb@0.6.11 → GHSA-5mrr-rgp6-x4gr affected high',
  'cern-lhc-vdm-editor/e564943 minimist@0.0.8 → CVE-2021-44906 affected high',
  'dropwizard/1.3.15 com.fasterxml.jackson.core/jackson-databind@2.9.10 → CVE-2020-36518 affected high',
  'dropwizard/1.3.15 org.yaml/snakeyaml@1.23 → CVE-2022-1471 affected high',
  'laravel/7.12.0 symfony/http-kernel@v5.4.16 → CVE-2022-24894 affected high',
  'laravel/7.12.0 guzzlehttp/psr7@1.9.0 → CVE-2023-29197 affected high',
  'proton-bridge/1.8.0 golang.org/x/net@v0.0.0-20210405180319-a5a99cb37ef4 → CVE-2021-33194 affected high',
].sort();

/**
 * Go: OSV publishes Go module versions without the leading 'v' (`0.0.0-20210520170846-37e1c6afe023`)
 * while Go requires it; this test first caught Vigil reading such ranges as indeterminate. Ranges
 * now read both spellings (src/domain/ranges/schemes.ts), and the golang.org/x/net row is affected.
 */
const CURRENT = EXPECTED;

/** Advisories that must produce no finding at all (docs/golden-findings.md, "Non-findings"). */
const SILENT = ['CVE-2020-8203', 'CVE-2021-41720', 'CVE-2022-31090'];

function loadAdvisories(): { advisories: Advisory[]; raw: Map<string, unknown> } {
  const dir = new URL('../fixtures/golden/advisories/', import.meta.url);
  const advisories: Advisory[] = [];
  const raw = new Map<string, unknown>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = parseOsvDocument(readFileSync(new URL(name, dir), 'utf8'), { location: name });
    expect(parsed.problems).toEqual([]);
    advisories.push(...parsed.advisories);
    for (const [id, r] of parsed.raw) raw.set(id, r);
  }
  return { advisories, raw };
}

async function importSboms(t: TestRuntime): Promise<void> {
  for (const s of SBOMS) {
    const product = await createProduct(t.rt, actor, { name: s.product, manufacturer: 'Upstream' });
    const release = await createRelease(t.rt, actor, product.id, { version: s.release });
    const bytes = readFileSync(conformancePath('cyclonedx-bom-examples', 'SBOM', ...s.file));
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: release.id, label: 'application', filename: s.file.join('/'), bytes, enqueue: false });
    const done = await runSbomImport(t.rt.importDeps, sbom.id);
    expect(done.status).toBe('imported');
  }
}

async function ingest(t: TestRuntime): Promise<void> {
  const { advisories, raw } = loadAdvisories();
  expect(advisories).toHaveLength(15);
  t.clock.advance(1000);
  await ingestBatch({ uow: t.rt.uow, clock: t.clock }, 'osv', { advisories, raw, watermark: 'golden' }, { commitWatermark: false });
}

async function findings(t: TestRuntime): Promise<string[]> {
  const { items, total } = await t.rt.uow.read((s) => s.findings.query({ active: true, offset: 0, limit: 1000 }));
  expect(items).toHaveLength(total);
  return items
    .map((f) => {
      const name = f.component.group ? `${f.component.group}/${f.component.name}` : f.component.name;
      return `${f.product.name}/${f.release.version} ${name}@${f.component.version} → ${f.vulnerability.primaryId} ${f.status} ${f.confidence}`;
    })
    .sort();
}

const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const t of runtimes) await t.close();
});

describe.skipIf(!present)('golden correlation on real SBOMs', () => {
  let sbomsFirst: string[] = [];

  it('SBOMs first, then advisories: exactly the hand-derived findings', async () => {
    const t = await createTestRuntime();
    runtimes.push(t);
    await importSboms(t);
    expect(await findings(t)).toEqual([]);
    await ingest(t);
    sbomsFirst = await findings(t);
    const expected = new Set(EXPECTED);
    const actual = new Set(sbomsFirst);
    const agreed = [...expected].filter((e) => actual.has(e)).length;
    reportSuite('golden correlation (real SBOMs × 15 OSV advisories)', agreed, EXPECTED.length, `${sbomsFirst.length - agreed} unexpected`);
    expect(sbomsFirst).toEqual(CURRENT);
    for (const id of SILENT) expect(sbomsFirst.some((f) => f.includes(` ${id} `))).toBe(false);
  });

  it('advisories first, then SBOMs: the same findings', async () => {
    const t = await createTestRuntime();
    runtimes.push(t);
    await ingest(t);
    expect(await findings(t)).toEqual([]);
    await importSboms(t);
    const advisoriesFirst = await findings(t);
    expect(advisoriesFirst).toEqual(CURRENT);
    expect(advisoriesFirst).toEqual(sbomsFirst);
  });

  it('matches the whole hand-derived table', () => {
    expect(sbomsFirst).toEqual(EXPECTED);
  });
});
