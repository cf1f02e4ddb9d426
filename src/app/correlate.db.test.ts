import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { runSbomImport, submitSbom } from './import-sbom.ts';
import { ingestBatch } from './ingest-advisories.ts';
import { createProduct, createRelease } from './inventory.ts';

const actor = { kind: 'user' as const, id: 'u', label: 'analyst@example.com' };
const fixture = readFileSync(new URL('../../test/fixtures/sbom/pump-firmware.cdx.json', import.meta.url));

function osv(id: string, aliases: string[], fixed: string, extra: Partial<Advisory> = {}): Advisory {
  return {
    source: 'ghsa', id, aliases, related: [], summary: `Prototype pollution in lodash (${id})`, details: null,
    published: '2020-07-15T00:00:00Z', modified: '2020-07-15T00:00:00Z', withdrawn: null,
    affected: [{ purl: 'pkg:npm/lodash', ecosystem: 'npm', name: 'lodash', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }], versions: [], fixedVersions: [fixed] }],
    cpeConfigurations: [], csafProducts: [],
    severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 7.4, rating: 'HIGH', source: null }],
    cwes: [], references: [], credits: [], ...extra,
  };
}

const opensslNvd: Advisory = {
  source: 'nvd', id: 'CVE-2021-3711', aliases: [], related: [], summary: 'SM2 decryption buffer overflow in OpenSSL', details: null,
  published: '2021-08-24T15:15:00Z', modified: '2021-08-24T15:15:00Z', withdrawn: null, affected: [],
  cpeConfigurations: [{ operator: 'OR', nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1l' }] }] }],
  csafProducts: [], severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL', source: 'nvd@nist.gov' }],
  cwes: ['CWE-120'], references: [], credits: [],
};

let t: TestRuntime;
let releaseId: string;
const deps = () => ({ uow: t.rt.uow, clock: t.clock });
const findings = (extra: object = {}) => t.rt.uow.read((s) => s.findings.query({ releaseId, active: true, offset: 0, limit: 100, ...extra }));
const events = async () => (await t.rt.db.query<{ kind: string }>('SELECT kind FROM finding_events ORDER BY id')).rows.map((r) => r.kind);

beforeAll(async () => {
  t = await createTestRuntime();
  const p = await createProduct(t.rt, actor, { name: 'Correlated Pump', manufacturer: 'Acme' });
  releaseId = (await createRelease(t.rt, actor, p.id, { version: '1.0.0' })).id;
  const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'fw.json', bytes: fixture, enqueue: false });
  await runSbomImport(t.rt.importDeps, sbom.id);
});
afterAll(() => t.close());

describe('correlation', () => {
  it('finds nothing without advisories, then matches new advisories against stored components', async () => {
    expect((await findings()).total).toBe(0);
    t.clock.advance(1000);
    await ingestBatch(deps(), 'osv', { advisories: [osv('GHSA-p6mc-m468-83gw', ['CVE-2020-8203'], '4.17.19')], watermark: 1 }, { commitWatermark: true });
    await ingestBatch(deps(), 'nvd', { advisories: [opensslNvd], watermark: 'n1' }, { commitWatermark: true });
    const { items } = await findings();
    expect(items.map((f) => `${f.component.name} ${f.vulnerability.primaryId} ${f.status} ${f.confidence} ${f.methods.join('+')}`).sort()).toEqual([
      'lodash CVE-2020-8203 affected high purl',
      'openssl CVE-2021-3711 affected low cpe',
    ]);
    const lodash = items.find((f) => f.component.name === 'lodash')!;
    expect(lodash.fixedVersions).toEqual(['4.17.19']);
    expect(lodash.evidence[0]).toMatchObject({ reason: expect.stringContaining('4.17.15') });
    expect(await events()).toEqual(['new', 'new']);
  });

  it('matches a newly imported SBOM against stored advisories, only its own components', async () => {
    const p = await createProduct(t.rt, actor, { name: 'Patched Pump', manufacturer: 'Acme' });
    const rel = await createRelease(t.rt, actor, p.id, { version: '2.0.0' });
    const patched = Buffer.from(fixture.toString('utf8').replace('"4.17.15"', '"4.17.21"').replace('lodash@4.17.15', 'lodash@4.17.21'));
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: rel.id, label: 'firmware', filename: 'fw.json', bytes: patched, enqueue: false });
    await runSbomImport(t.rt.importDeps, sbom.id);
    const other = await t.rt.uow.read((s) => s.findings.query({ releaseId: rel.id, active: true, offset: 0, limit: 100 }));
    expect(other.items.map((f) => f.component.name)).toEqual(['openssl']);
  });

  it('keeps one finding per vulnerability when another source names the same one', async () => {
    await ingestBatch(deps(), 'osv', { advisories: [{ ...osv('PYSEC-LIKE-1', ['CVE-2020-8203'], '4.17.19'), source: 'osv' }], watermark: 2 }, { commitWatermark: true });
    const lodash = (await findings()).items.filter((f) => f.component.name === 'lodash');
    expect(lodash).toHaveLength(1);
    expect(lodash[0]!.advisories.map((a) => a.id).sort()).toEqual(['GHSA-p6mc-m468-83gw', 'PYSEC-LIKE-1']);
  });

  it('retracts a finding when its advisories are withdrawn, and brings it back with its history', async () => {
    const before = (await findings()).items.find((f) => f.component.name === 'lodash')!;
    t.clock.advance(1000);
    await ingestBatch(deps(), 'osv', {
      advisories: [
        osv('GHSA-p6mc-m468-83gw', ['CVE-2020-8203'], '4.17.19', { modified: '2021-01-01T00:00:00Z', withdrawn: '2021-01-01T00:00:00Z' }),
        { ...osv('PYSEC-LIKE-1', ['CVE-2020-8203'], '4.17.19'), source: 'osv', modified: '2021-01-01T00:00:00Z', withdrawn: '2021-01-01T00:00:00Z' },
      ],
      watermark: 3,
    }, { commitWatermark: true });
    expect((await findings()).items.map((f) => f.component.name)).toEqual(['openssl']);
    const inactive = await t.rt.uow.read((s) => s.findings.query({ releaseId, active: false, offset: 0, limit: 10 }));
    expect(inactive.items).toEqual([expect.objectContaining({ id: before.id, active: false })]);
    t.clock.advance(1000);
    await ingestBatch(deps(), 'osv', { advisories: [osv('GHSA-p6mc-m468-83gw', ['CVE-2020-8203'], '4.17.19', { modified: '2021-02-01T00:00:00Z' })], watermark: 4 }, { commitWatermark: true });
    const back = (await findings()).items.find((f) => f.component.name === 'lodash')!;
    expect(back.id).toBe(before.id);
    expect(back.firstSeen).toBe(before.firstSeen);
    expect(await events()).toEqual(expect.arrayContaining(['retracted', 'reactivated']));
    expect(await t.rt.uow.read((s) => s.findings.counts(releaseId))).toMatchObject({ active: 2, affected: 2, inactive: 0 });
  });

  it('filters by KEV and CVSS', async () => {
    await ingestBatch(deps(), 'kev', { kev: [{ cveId: 'CVE-2021-3711', vendorProject: 'OpenSSL', product: 'OpenSSL', vulnerabilityName: 'x', dateAdded: '2024-01-01', shortDescription: '', requiredAction: '', dueDate: '2024-01-22', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [] }], watermark: 'k' }, { commitWatermark: true });
    expect((await findings({ kev: true })).items.map((f) => f.component.name)).toEqual(['openssl']);
    expect((await findings({ minCvss: 9 })).items.map((f) => f.component.name)).toEqual(['openssl']);
    expect((await findings({ q: 'CVE-2020-8203' })).items.map((f) => f.component.name)).toEqual(['lodash']);
  });
});

describe('full re-correlation', () => {
  it('finds nothing to change after the incremental path, and rebuilds what it would have found', async () => {
    const { correlateAll } = await import('./correlate.ts');
    const again = await correlateAll(deps());
    expect(again).toMatchObject({ new: 0, changed: 0, retracted: 0, reactivated: 0 });
    expect(again.unchanged).toBeGreaterThan(0);
    await t.rt.db.query('DELETE FROM identity_findings');
    const rebuilt = await correlateAll(deps());
    expect(rebuilt.new).toBe(again.unchanged);
  });
});

describe('CSAF products named only by vendor, name or model number', () => {
  const device = {
    bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
    metadata: { component: { type: 'device', name: 'Acme Infusion System', version: '3.1' } },
    components: [
      { type: 'firmware', 'bom-ref': 'fw', name: 'Acme BusyCore', version: '3.1.0', supplier: { name: 'Acme Medical, Inc.' } },
      { type: 'device', 'bom-ref': 'hw', name: 'Pump controller board', version: '2', properties: [{ name: 'acme:model-number', value: 'PX 400' }] },
      { type: 'firmware', 'bom-ref': 'other', name: 'Beta Core', version: '3.1.0', supplier: { name: 'Beta Devices' } },
    ],
  };
  const product = (productId: string, name: string, over: object) => ({
    productId, name, vendor: 'Acme Medical', product: name, version: null, versionRange: null, status: 'known_affected',
    helpers: { cpe: null, purl: null, hashes: [], modelNumbers: [], serialNumbers: [], skus: [] }, ...over,
  });
  const csaf = (products: unknown[]): Advisory => ({
    source: 'csaf', id: 'ACME-SA-2026-01', aliases: ['CVE-2026-40001'], related: [], summary: 'Acme BusyCore authentication bypass', details: null,
    published: '2026-10-01T00:00:00Z', modified: '2026-10-01T00:00:00Z', withdrawn: null, affected: [], cpeConfigurations: [],
    csafProducts: products as Advisory['csafProducts'], severities: [], cwes: [], references: [], credits: [],
  });

  it('finds them when the advisory arrives after the SBOM (incremental index), by name and by model number', async () => {
    const p = await createProduct(t.rt, actor, { name: 'Acme Infusion System', manufacturer: 'Acme Medical' });
    const rel = await createRelease(t.rt, actor, p.id, { version: '3.1' });
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: rel.id, label: 'firmware', filename: 'device.json', bytes: Buffer.from(JSON.stringify(device)), enqueue: false });
    await runSbomImport(t.rt.importDeps, sbom.id);
    const list = async () => (await t.rt.uow.read((s) => s.findings.query({ releaseId: rel.id, active: true, offset: 0, limit: 100 }))).items
      .map((f) => `${f.component.name} ${f.vulnerability.primaryId} ${f.confidence} ${f.methods.join('+')}`).sort();
    expect(await list()).toEqual([]);

    await ingestBatch(deps(), 'csaf', {
      advisories: [csaf([
        product('CSAFPID-1', 'Acme Medical BusyCore', { product: 'Acme Medical BusyCore', versionRange: 'vers:generic/<=3.2' }),
        product('CSAFPID-2', 'Pump controller', { helpers: { cpe: null, purl: null, hashes: [], modelNumbers: ['PX400'], serialNumbers: [], skus: [] } }),
      ])],
      watermark: 'c1',
    }, { commitWatermark: false });
    expect(await list()).toEqual([
      'Acme BusyCore CVE-2026-40001 medium name',
      'Pump controller board CVE-2026-40001 medium csaf',
    ]);
  });
});
