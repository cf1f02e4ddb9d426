import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvdCve, parseNvdDocument, utcTimestamp } from './nvd.parser.ts';

const record = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('../../../test/fixtures/feeds/nvd/cve-record.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('parseNvdCve', () => {
  const a = parseNvdCve(record());

  it('keeps id, English description and UTC times', () => {
    expect(a.source).toBe('nvd');
    expect(a.id).toBe('CVE-2099-0001');
    expect(a.details).toMatch(/^A buffer overflow/u);
    expect(a.published).toBe('2099-01-02T10:15:00.000Z');
    expect(a.modified).toBe('2099-02-03T11:20:30.500Z');
    expect(a.withdrawn).toBeNull();
  });

  it('lists every CVSS metric, primary before secondary, with its source', () => {
    expect(a.severities.map((s) => [s.type, s.score, s.rating, s.source])).toEqual([
      ['CVSS_V3', 9.8, 'CRITICAL', 'nvd@nist.gov'],
      ['CVSS_V3', 9.8, 'CRITICAL', 'nvd@nist.gov'],
      ['CVSS_V2', 7.5, 'HIGH', 'nvd@nist.gov'],
      ['CVSS_V4', 9.3, 'CRITICAL', 'cna@example.org'],
      ['CVSS_V3', 8.8, 'HIGH', 'cna@example.org'],
    ]);
    expect(a.severities[0]!.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(a.severities[2]!.vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P');
  });

  it('keeps configurations with operators, negate and bounds', () => {
    expect(a.cpeConfigurations).toHaveLength(1);
    const c = a.cpeConfigurations[0]!;
    expect(c.operator).toBe('AND');
    expect(c.nodes.map((n) => [n.operator, n.negate, n.cpeMatch.length])).toEqual([
      ['OR', false, 2],
      ['OR', false, 1],
    ]);
    expect(c.nodes[0]!.cpeMatch[0]).toEqual({
      criteria: 'cpe:2.3:a:example:gateway:*:*:*:*:*:*:*:*',
      vulnerable: true,
      versionStartIncluding: '2.0',
      versionEndExcluding: '2.4.1',
      matchCriteriaId: '11111111-2222-3333-4444-555555555555',
    });
    expect(c.nodes[1]!.cpeMatch[0]!.vulnerable).toBe(false);
  });

  it('takes real CWE ids only and dedupes references with typed tags', () => {
    expect(a.cwes).toEqual(['CWE-787', 'CWE-120']);
    expect(a.references).toEqual([
      { type: 'ADVISORY', url: 'https://example.org/advisories/EX-2099-01' },
      { type: 'FIX', url: 'https://example.org/patches/1' },
      { type: 'EVIDENCE', url: 'https://blog.example.net/poc' },
    ]);
  });

  it('marks a Rejected record withdrawn at its last modification', () => {
    const r = parseNvdCve({ ...record(), vulnStatus: 'Rejected' });
    expect(r.withdrawn).toBe('2099-02-03T11:20:30.500Z');
  });

  it('rejects a record without a CVE id or with a bad timestamp, naming the path', () => {
    expect(() => parseNvdCve({ ...record(), id: 'GHSA-xxxx' })).toThrow(/not a CVE id/u);
    expect(() => parseNvdCve({ ...record(), lastModified: 'yesterday' })).toThrow(/ISO 8601/u);
    expect(() => utcTimestamp('2024-01-01T00:00:00+02:00', '$')).not.toThrow();
  });
});

describe('parseNvdDocument', () => {
  it('reads an API page, keeps raw records (cisa fields included) and reports a malformed one', () => {
    const good = record();
    const bad = { ...record(), id: 'CVE-2099-0002', configurations: [{ nodes: [{ operator: 'XOR', cpeMatch: [] }] }] };
    const page = { resultsPerPage: 3, startIndex: 0, totalResults: 3, format: 'NVD_CVE', version: '2.0', vulnerabilities: [{ cve: good }, { cve: bad }, { cve: { ...record(), id: 'CVE-2099-0003' } }] };
    const d = parseNvdDocument(page, 'page.json');
    expect(d.advisories.map((x) => x.id)).toEqual(['CVE-2099-0001', 'CVE-2099-0003']);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]).toMatchObject({ source: 'nvd', id: 'CVE-2099-0002', location: 'page.json:$.vulnerabilities[1].cve.configurations[0].nodes[0].operator' });
    expect((d.raw.get('CVE-2099-0001') as Record<string, unknown>).cisaExploitAdd).toBe('2099-01-05');
    expect(d.page).toEqual({ startIndex: 0, resultsPerPage: 3, totalResults: 3 });
  });

  it('reads a single { cve } item and a bare cve object; anything else is a problem', () => {
    expect(parseNvdDocument({ cve: record() }).advisories).toHaveLength(1);
    expect(parseNvdDocument(record()).advisories).toHaveLength(1);
    expect(parseNvdDocument({ hello: 1 }).problems[0]!.reason).toMatch(/not an NVD/u);
  });
});
