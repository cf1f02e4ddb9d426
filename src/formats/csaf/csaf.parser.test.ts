import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeCsaf, parseCsafDocument, parseCsafJson, versionsStatedIn } from './csaf.parser.ts';
import { toJsonPath, validateCsafDocument } from './csaf.schema.ts';

const fixturePath = resolve(import.meta.dirname, '../../../test/fixtures/feeds/csaf/acme-2024-001.json');
const fixtureText = readFileSync(fixturePath, 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the fixture JSON freely
const fixture = (): Record<string, any> => JSON.parse(fixtureText) as Record<string, any>;

describe('parseCsafJson on a hand-made vendor advisory', () => {
  const result = parseCsafJson(fixtureText, { location: 'acme-2024-001.json' });
  const [pump, gateway] = result.advisories;

  it('yields one advisory per vulnerability, id <tracking.id>#<cve>, aliases of that vulnerability only', () => {
    expect(result.problems).toEqual([]);
    expect(result.advisories.map((a) => a.id)).toEqual(['ACME-2024-001#CVE-2024-1111', 'ACME-2024-001#CVE-2016-2107']);
    expect(pump!.aliases).toEqual(['CVE-2024-1111', 'ACME-PSIRT-77']);
    expect(gateway!.aliases).toEqual(['CVE-2016-2107']);
    expect(pump!.source).toBe('csaf');
  });

  it('keeps document facts: dates, title, TLP, publisher; vulnerability title and notes', () => {
    expect(result.document).toMatchObject({ trackingId: 'ACME-2024-001', tlp: 'WHITE', publisher: 'Acme Medical', status: 'final', vulnerabilityCount: 2, productCount: 6 });
    expect(pump!.published).toBe('2024-02-01T10:00:00.000Z');
    expect(pump!.modified).toBe('2024-03-05T10:00:00.000Z');
    expect(pump!.withdrawn).toBeNull();
    expect(pump!.summary).toBe('Missing authentication for drug library updates');
    expect(gateway!.summary).toBe('Acme InfuSafe pump vulnerabilities');
    expect(pump!.details).toBe('The pump accepts drug library updates without authentication.');
    expect(pump!.cwes).toEqual(['CWE-306']);
    expect(pump!.credits).toEqual(['Jane Doe (Example Research)']);
    expect(pump!.references).toEqual([{ type: 'ADVISORY', url: 'https://acme-medical.example/csaf/2024/acme-2024-001.json' }]);
  });

  it('flattens the product tree: vendor / product / version or range from the branch path, helpers', () => {
    const byId = new Map(pump!.csafProducts.map((p) => [p.productId, p]));
    expect(byId.get('PUMP-2.1.0')).toMatchObject({
      name: 'Acme InfuSafe 300 2.1.0',
      vendor: 'Acme Medical',
      product: 'InfuSafe 300',
      version: '2.1.0',
      versionRange: null,
      status: 'known_affected',
      helpers: { cpe: 'cpe:2.3:h:acme:infusafe_300:2.1.0:*:*:*:*:*:*:*', purl: null, modelNumbers: ['IS-300'], skus: ['IS300-EU', 'IS300-US'], serialNumbers: [], hashes: [] },
    });
    expect(byId.get('PUMP-2.1.0')!.branches!.map((b) => b.category)).toEqual(['vendor', 'product_name', 'product_version']);
    expect(byId.get('PUMP-OLD')).toMatchObject({ version: null, versionRange: 'vers:generic/>=1.0|<2.1.0', status: 'known_affected' });
    expect(byId.get('PUMP-2.2.0')).toMatchObject({ version: '2.2.0', status: 'fixed' });
    const gw = gateway!.csafProducts.find((p) => p.productId === 'GW-5.0')!;
    expect(gw.helpers.purl).toBe('pkg:generic/acme/infusafe-gateway@5.0');
    expect(gw.helpers.hashes).toEqual([{ filename: 'gateway-5.0.img', algorithm: 'sha256', value: '9f2c1e0a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e' }]);
    expect(gw.helpers.serialNumbers).toEqual(['GW5-*']);
  });

  it('resolves relationships: the component carries its own vendor/product/version and names what it is part of', () => {
    const rel = gateway!.csafProducts.find((p) => p.productId === 'GW-5.0:OPENSSL')!;
    expect(rel).toMatchObject({ name: 'OpenSSL 1.0.2k in Acme InfuSafe Gateway 5.0', vendor: 'OpenSSL Project', product: 'OpenSSL', version: '1.0.2k', status: 'known_affected' });
    expect(rel.relationship).toEqual({ category: 'default_component_of', productReference: 'OPENSSL-1.0.2k', relatesToProductReference: 'GW-5.0', relatesToName: 'Acme InfuSafe Gateway 5.0' });
    // the gateway's "release 5.1" is not the OpenSSL component's fixed version
    expect(rel.fixedVersions).toBeUndefined();
  });

  it('collects fixed versions from fixed siblings and vendor_fix remediations (also through product groups), not from mitigations', () => {
    const p = pump!.csafProducts.find((x) => x.productId === 'PUMP-2.1.0')!;
    expect(p.fixedVersions).toEqual(['2.2.0']);
    expect(pump!.csafProducts.find((x) => x.productId === 'PUMP-OLD')!.fixedVersions).toEqual(['2.2.0']);
    expect(gateway!.csafProducts.find((x) => x.productId === 'GW-5.0')!.fixedVersions).toEqual(['5.1']);
  });

  it('maps scores to severities (CVSS v3 with its rating, CVSS v2 rated by NVD bands) from the publisher', () => {
    expect(pump!.severities).toEqual([{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 8.8, rating: 'HIGH', source: 'Acme Medical' }]);
    expect(gateway!.severities).toEqual([{ type: 'CVSS_V2', vector: 'AV:N/AC:H/Au:N/C:P/I:N/A:N', score: 2.6, rating: 'LOW', source: 'Acme Medical' }]);
  });

  it('turns products with a purl into affected packages (versionless purl, affected and fixed versions)', () => {
    expect(pump!.affected).toEqual([]);
    expect(gateway!.affected).toEqual([{ purl: 'pkg:generic/acme/infusafe-gateway', ecosystem: null, name: 'acme/infusafe-gateway', ranges: [], versions: ['5.0'], fixedVersions: ['5.1'] }]);
  });

  it('keeps the document section, product tree and the vulnerability in each raw record', () => {
    const raw = result.raw.get('ACME-2024-001#CVE-2016-2107')!;
    expect(raw.vulnerabilityIndex).toBe(1);
    expect((raw.vulnerability as { cve: string }).cve).toBe('CVE-2016-2107');
    expect((raw.document as { tracking: { id: string } }).tracking.id).toBe('ACME-2024-001');
    expect(raw.productTree).toEqual(fixture().product_tree);
  });
});

describe('withdrawal', () => {
  it('marks draft documents and revoked/withdrawn ones as withdrawn; interim and final stay live', () => {
    const draft = fixture();
    draft.document.tracking.status = 'draft';
    draft.document.tracking.version = '0.1.0';
    draft.document.tracking.revision_history = [{ date: '2024-03-05T10:00:00.000Z', number: '0.1.0', summary: 'Draft' }];
    expect(parseCsafDocument(draft, { location: 'd' }).advisories[0]!.withdrawn).toBe('2024-03-05T10:00:00.000Z');

    const revoked = fixture();
    revoked.document.tracking.revision_history.push({ date: '2024-04-01T00:00:00.000Z', number: '3', summary: 'Advisory withdrawn: the issue was not reproducible' });
    revoked.document.tracking.version = '3';
    revoked.document.tracking.current_release_date = '2024-04-01T00:00:00.000Z';
    expect(parseCsafDocument(revoked, { location: 'r' }).advisories.map((a) => a.withdrawn)).toEqual(['2024-04-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z']);

    const interim = fixture();
    interim.document.tracking.status = 'interim';
    expect(parseCsafDocument(interim, { location: 'i' }).advisories[0]!.withdrawn).toBeNull();
  });
});

describe('invalid and unusual documents', () => {
  it('rejects a schema-invalid document with problems naming JSON paths', () => {
    const bad = fixture();
    bad.document.tracking.status = 'published';
    delete bad.document.publisher;
    bad.vulnerabilities[0].scores[0].cvss_v3.baseSeverity = 'SEVERE';
    const r = parseCsafDocument(bad, { location: 'bad.json' });
    expect(r.advisories).toEqual([]);
    expect(r.document).toBeNull();
    const locations = r.problems.map((p) => p.location);
    expect(locations).toContain('bad.json $.document');
    expect(locations).toContain('bad.json $.document.tracking.status');
    expect(locations).toContain('bad.json $.vulnerabilities[0].scores[0].cvss_v3.baseSeverity');
    expect(r.problems.find((p) => p.location === 'bad.json $.document')!.reason).toContain("'publisher'");
    expect(r.problems.every((p) => p.source === 'csaf' && p.id === 'ACME-2024-001')).toBe(true);
  });

  it('reports a product_status entry with an undefined product and skips only that product', () => {
    const doc = fixture();
    doc.vulnerabilities[0].product_status.known_affected.push('NOPE');
    const r = parseCsafDocument(doc, { location: 'x' });
    expect(r.advisories).toHaveLength(2);
    expect(r.problems).toEqual([{ source: 'csaf', id: 'ACME-2024-001#CVE-2024-1111', location: 'x $.vulnerabilities[0].product_status.known_affected[2]', reason: expect.stringContaining("'NOPE'") }]);
    expect(r.advisories[0]!.csafProducts.map((p) => p.productId)).not.toContain('NOPE');
  });

  it('gives a vulnerability without CVE the index as id suffix and keeps its ids as aliases', () => {
    const doc = fixture();
    delete doc.vulnerabilities[1].cve;
    doc.vulnerabilities[1].ids = [{ system_name: 'Acme PSIRT', text: 'ACME-PSIRT-78' }];
    const r = parseCsafDocument(doc, { location: 'x' });
    expect(r.advisories[1]!.id).toBe('ACME-2024-001#1');
    expect(r.advisories[1]!.aliases).toEqual(['ACME-PSIRT-78']);
  });

  it('keeps a document without vulnerabilities as one record with no aliases and no products', () => {
    const doc = fixture();
    doc.document.category = 'csaf_base';
    delete doc.vulnerabilities;
    const r = parseCsafDocument(doc, { location: 'x' });
    expect(r.advisories.map((a) => [a.id, a.aliases, a.csafProducts])).toEqual([['ACME-2024-001', [], []]]);
    expect(r.raw.get('ACME-2024-001')!.vulnerabilityIndex).toBeNull();
  });

  it('refuses non-JSON, non-CSAF, CSAF 2.1 and oversized input', () => {
    expect(parseCsafJson('{"document": ', { location: 'a' }).problems[0]!.reason).toMatch(/^not valid JSON/u);
    expect(parseCsafJson('{"bomFormat":"CycloneDX"}', { location: 'b' }).problems[0]!.reason).toMatch(/not a CSAF document/u);
    const v21 = fixture();
    v21.document.csaf_version = '2.1';
    expect(parseCsafDocument(v21, { location: 'c' }).problems[0]).toMatchObject({ location: 'c $.document.csaf_version', reason: expect.stringContaining("'2.1'") });
    expect(parseCsafJson(fixtureText, { location: 'd', maxBytes: 100 }).problems[0]!.reason).toMatch(/larger than the limit of 100/u);
  });

  it('accepts a UTF-8 BOM and bytes', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${fixtureText}`);
    expect(parseCsafJson(bytes, { location: 'x' }).advisories).toHaveLength(2);
  });
});

describe('helpers', () => {
  it('looksLikeCsaf', () => {
    expect(looksLikeCsaf(fixture())).toBe(true);
    expect(looksLikeCsaf({ document: {} })).toBe(false);
    expect(looksLikeCsaf([])).toBe(false);
  });

  it('versionsStatedIn finds versions after version-like words only', () => {
    expect(versionsStatedIn('Smiths Medical has released update Version 1.6.1 to mitigate')).toEqual(['1.6.1']);
    expect(versionsStatedIn('Upgrade to firmware v2.0.3 or release 4.1.')).toEqual(['2.0.3', '4.1']);
    expect(versionsStatedIn('Contact customer support at 1.800.555.0100')).toEqual([]);
  });

  it('toJsonPath converts JSON pointers', () => {
    expect(toJsonPath('')).toBe('$');
    expect(toJsonPath('/vulnerabilities/0/product_status/known_affected/2')).toBe('$.vulnerabilities[0].product_status.known_affected[2]');
    expect(toJsonPath('/a~1b/c d')).toBe('$["a/b"]["c d"]');
  });

  it('the bundled schema accepts the fixture and checks referenced CVSS schemas', () => {
    expect(validateCsafDocument(fixture())).toEqual([]);
    const bad = fixture();
    bad.vulnerabilities[1].scores[0].cvss_v2.vectorString = 'AV:X';
    expect(validateCsafDocument(bad).map((i) => i.path)).toContain('$.vulnerabilities[1].scores[0].cvss_v2.vectorString');
  });
});
