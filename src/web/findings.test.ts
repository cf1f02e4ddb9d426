import { describe, it, expect } from 'vitest';
import type { Evidence, EvidenceCriterion } from './api.ts';
import {
  DEFAULT_FINDING_FILTERS,
  componentLabel,
  describeCriterion,
  findingFiltersToSearch,
  findingQueryOf,
  fixedText,
  hasGenericComparison,
  isNarrowed,
  methodLabel,
  parseFindingFilters,
  releaseLabel,
  schemeText,
} from './findings.ts';

describe('findings filters in the URL', () => {
  it('reads defaults from an empty query and writes them back as nothing', () => {
    const f = parseFindingFilters('');
    expect(f).toEqual(DEFAULT_FINDING_FILTERS);
    expect(findingFiltersToSearch(f)).toBe('');
    expect(isNarrowed(f)).toBe(false);
  });

  it('round-trips every filter', () => {
    const product = '0b6f0e5c-9d1e-4c59-8f5e-2f4a6c1d9e01';
    const search = `?state=inactive&status=indeterminate&confidence=low&kev=true&minCvss=7&minEpss=0.1&product=${product}&q=log4j&offset=50&limit=25`;
    const f = parseFindingFilters(search);
    expect(f).toEqual({ state: 'inactive', status: 'indeterminate', confidence: 'low', kev: true, minCvss: 7, minEpss: 0.1, product, q: 'log4j', offset: 50, limit: 25 });
    expect(findingFiltersToSearch(f)).toBe(search);
    expect(isNarrowed(f)).toBe(true);
  });

  it('drops values it cannot read', () => {
    const f = parseFindingFilters('?state=gone&status=fixed&confidence=certain&kev=yes&minCvss=11&minEpss=0.2&product=acme&offset=-1&limit=33');
    expect(f).toEqual(DEFAULT_FINDING_FILTERS);
    expect(parseFindingFilters('?minCvss=0').minCvss).toBeNull();
    expect(parseFindingFilters('?minCvss=0.1').minCvss).toBe(0.1);
  });

  it('builds the API query, leaving out empty filters', () => {
    expect(findingQueryOf(DEFAULT_FINDING_FILTERS)).toEqual({ state: 'active', offset: 0, limit: 50 });
    expect(findingQueryOf({ ...DEFAULT_FINDING_FILTERS, status: 'affected', minCvss: 9, minEpss: 0.5, q: '  openssl ', kev: true })).toEqual({
      state: 'active',
      status: 'affected',
      kev: true,
      minCvss: 9,
      minEpss: 0.5,
      q: 'openssl',
      offset: 0,
      limit: 50,
    });
  });
});

describe('finding display helpers', () => {
  it('labels components and releases', () => {
    expect(componentLabel({ name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.17.1' })).toBe('org.apache.logging.log4j/log4j-core@2.17.1');
    expect(componentLabel({ name: 'zlib', group: null, version: null })).toBe('zlib');
    expect(releaseLabel({ version: '3.2.0', variant: 'US' })).toBe('3.2.0 (US)');
    expect(releaseLabel({ version: '3.2.0', variant: null })).toBe('3.2.0');
  });

  it('says when a comparison used no known version scheme', () => {
    expect(schemeText({ id: 'semver', origin: 'declared' })).toBe('semver · declared');
    expect(schemeText({ id: 'generic', origin: 'generic' })).toContain('generic comparison');
    expect(schemeText({ id: 'openssl', origin: 'product' })).toContain("product's own scheme");
    expect(schemeText(null)).toBe('no version comparison');
    const base: Evidence = {
      advisory: { source: 'osv', id: 'X' },
      status: 'affected',
      confidence: 'high',
      method: 'purl',
      identifier: { kind: 'purl', value: 'p', derived: false },
      criterion: { kind: 'package', purl: null, ecosystem: 'npm', name: 'a' },
      version: '1',
      scheme: null,
      range: null,
      reason: '',
      conditions: [],
      fixedVersions: [],
    };
    expect(hasGenericComparison([{ ...base, scheme: { id: 'semver', origin: 'declared' } }])).toBe(false);
    expect(hasGenericComparison([{ ...base, scheme: { id: 'semver', origin: 'declared' } }, { ...base, scheme: { id: 'generic', origin: 'generic' } }])).toBe(true);
  });

  it('describes what each kind of advisory criterion said', () => {
    expect(describeCriterion({ kind: 'package', purl: 'pkg:npm/pump-telemetry', ecosystem: 'npm', name: 'pump-telemetry' })).toBe('Affected package pkg:npm/pump-telemetry');
    expect(describeCriterion({ kind: 'package', purl: null, ecosystem: 'PyPI', name: 'django' })).toBe('Affected package PyPI/django');
    const cpe: EvidenceCriterion = { kind: 'cpe', criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', versionStartIncluding: '3.0.0', versionEndExcluding: '3.0.14' };
    expect(describeCriterion(cpe)).toBe('CPE cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:* (≥ 3.0.0, < 3.0.14)');
    expect(describeCriterion({ kind: 'csaf', productId: 'CSAFPID-1', name: 'Pump 2.1', vendor: 'Acme', product: 'Pump', version: null, versionRange: 'vers:generic/<2.2', status: 'known_affected', via: 'model-number' })).toBe(
      'CSAF product CSAFPID-1: Acme / Pump vers:generic/<2.2 — known affected (identified by model-number)',
    );
  });

  it('shortens long fixed-version lists and names methods', () => {
    expect(fixedText([])).toBeNull();
    expect(fixedText(['2.4.1', '2.4.1', '3.0.0'])).toBe('2.4.1, 3.0.0');
    expect(fixedText(['1', '2', '3', '4', '5'])).toBe('1, 2, 3 +2');
    expect(methodLabel('purl')).toBe('Package URL');
    expect(methodLabel('cpe')).toBe('CPE');
    expect(methodLabel('other')).toBe('other');
  });
});
