import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCveRecord, parseCveRecord } from './cve.parser.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke into the fixture's nested JSON freely
type Loose = Record<string, any>;
const record = (): Loose => JSON.parse(readFileSync(new URL('../../../test/fixtures/feeds/nvd/cve5-record.json', import.meta.url), 'utf8')) as Loose;

describe('parseCveRecord', () => {
  const a = parseCveRecord(record());

  it('keeps id, title, description, dates and credits', () => {
    expect(a).toMatchObject({ source: 'cve', id: 'CVE-2099-0001', summary: 'Buffer overflow in the example pump gateway', published: '2099-01-02T10:15:00.000Z', modified: '2099-02-03T11:20:30.500Z', withdrawn: null, credits: ['A. Researcher'] });
    expect(a.details).toMatch(/^A buffer overflow/u);
    expect(isCveRecord(record())).toBe(true);
  });

  it('turns affected versions into purl + ranges, lone versions and fixed versions', () => {
    const [npm, firmware, pypi, git] = a.affected;
    expect(npm).toMatchObject({ purl: 'pkg:npm/%40example/gateway-sdk', ecosystem: 'npm', name: '@example/gateway-sdk', versions: [] });
    expect(npm!.ranges).toEqual([
      { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.4.1' }] },
      { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { last_affected: '3.0.2' }] },
    ]);
    expect(npm!.fixedVersions).toEqual(['2.4.1']);
    expect(firmware).toMatchObject({ purl: null, ecosystem: null, name: 'Pump Gateway Firmware', versions: ['0.9-beta'] });
    // `changes` add events; lessThan "*" adds no upper bound
    expect(firmware!.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.4' }, { introduced: '2.0' }, { fixed: '2.2' }] }]);
    expect(firmware!.fixedVersions).toEqual(['1.4', '2.2']);
    expect((firmware!.databaseSpecific as { cpes: string[]; provider: string }).cpes).toEqual(['cpe:2.3:o:example:pump_gateway_firmware:*:*:*:*:*:*:*:*']);
    expect((firmware!.databaseSpecific as { provider: string }).provider).toBe('ExampleCNA');
    // packageURL wins and loses its version; version "0" means from the start
    expect(pypi).toMatchObject({ purl: 'pkg:pypi/example-gateway-core', ecosystem: 'PyPI', name: 'example-gateway-core' });
    expect(pypi!.ranges[0]!.events).toEqual([{ introduced: '0' }, { fixed: '1.3.0' }]);
    expect(git!.ranges).toEqual([{ type: 'GIT', repo: 'https://git.example.org/gateway.git', events: [{ introduced: '1111111111111111111111111111111111111111' }, { fixed: '2222222222222222222222222222222222222222' }] }]);
  });

  it('keeps cpeApplicability as CPE configurations', () => {
    expect(a.cpeConfigurations).toHaveLength(1);
    expect(a.cpeConfigurations[0]!.operator).toBe('AND');
    expect(a.cpeConfigurations[0]!.nodes[0]!.cpeMatch[0]).toEqual({ criteria: 'cpe:2.3:o:example:pump_gateway_firmware:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '1.0', versionEndExcluding: '1.4' });
  });

  it('lists CNA and ADP metrics with their provider; a textual rating becomes a vendor severity; SSVC is left out', () => {
    expect(a.severities.map((s) => [s.type, s.score, s.rating, s.source])).toEqual([
      ['CVSS_V4', 9.3, 'CRITICAL', 'ExampleCNA'],
      ['CVSS_V3', 9.8, 'CRITICAL', 'ExampleCNA'],
      ['vendor', null, 'Critical', 'ExampleCNA'],
      ['CVSS_V3', 8.8, 'HIGH', 'CISA-ADP'],
    ]);
  });

  it('collects CWE ids from problem types (ids and text) and dedupes references', () => {
    expect(a.cwes).toEqual(['CWE-787', 'CWE-120']);
    expect(a.references).toEqual([
      { type: 'ADVISORY', url: 'https://example.org/advisories/EX-2099-01' },
      { type: 'FIX', url: 'https://example.org/patches/1' },
    ]);
  });

  it('marks a REJECTED record withdrawn with its reason as details', () => {
    const r = record();
    r.cveMetadata = { ...r.cveMetadata, state: 'REJECTED', dateRejected: '2099-03-01T00:00:00.000Z' };
    r.containers = { cna: { providerMetadata: { shortName: 'ExampleCNA' }, rejectedReasons: [{ lang: 'en', value: 'Duplicate of CVE-2099-0002.' }] } };
    const w = parseCveRecord(r);
    expect(w.withdrawn).toBe('2099-03-01T00:00:00.000Z');
    expect(w.details).toBe('Duplicate of CVE-2099-0002.');
    expect(w.affected).toEqual([]);
  });

  it('rejects malformed records with a JSON path', () => {
    const r = record();
    r.containers.cna.affected[0].versions[0].status = 'maybe';
    expect(() => parseCveRecord(r)).toThrow(/status must be/u);
    expect(() => parseCveRecord({ ...record(), dataVersion: '4.0' })).toThrow(/dataVersion/u);
    const bad = record();
    bad.cveMetadata.cveId = 'CVE-1';
    expect(() => parseCveRecord(bad)).toThrow(/not a CVE id/u);
  });
});
