import { describe, expect, it } from 'vitest';
import { isVigilError, type VigilError } from '../domain/errors.ts';
import type { ParsedSbom } from '../domain/inventory/sbom.ts';
import { memoryIntel, parseIgnoreFile, scanSbom, severityFromCvss, tripsThreshold, type FailOn, type ScanIntel } from './scan.ts';
import { fixtureAdvisories, fixtureIntel, fixtureSbom } from '../../test/support/scan-fixtures.ts';

const today = '2026-06-01';

function ignoreError(text: string): VigilError {
  try {
    parseIgnoreFile(text, 'ignore.json');
  } catch (err) {
    if (isVigilError(err)) return err;
    throw err;
  }
  throw new Error('expected SCAN_IGNORE_INVALID');
}

describe('severity and threshold', () => {
  it('maps CVSS to severity at the documented bounds', () => {
    expect([10, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0, null].map(severityFromCvss)).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'unknown', 'unknown']);
  });

  it('counts unknown severity and indeterminate findings only for --fail-on any', () => {
    const levels: FailOn[] = ['critical', 'high', 'medium', 'low', 'any'];
    const trips = (status: 'affected' | 'indeterminate', severity: 'critical' | 'high' | 'medium' | 'low' | 'unknown') => levels.filter((l) => tripsThreshold({ status, severity }, l));
    expect(trips('affected', 'critical')).toEqual(levels);
    expect(trips('affected', 'high')).toEqual(['high', 'medium', 'low', 'any']);
    expect(trips('affected', 'low')).toEqual(['low', 'any']);
    expect(trips('affected', 'unknown')).toEqual(['any']);
    expect(trips('indeterminate', 'critical')).toEqual(['any']);
  });
});

describe('scanSbom', () => {
  it('finds affected and indeterminate components, grouped by alias, sorted by severity', async () => {
    const r = await scanSbom({ intel: fixtureIntel() }, fixtureSbom(), { today });
    expect(r.findings.map((f) => [f.id, f.component.ref, f.status, f.severity])).toEqual([
      ['CVE-2099-7001', 'ui', 'affected', 'critical'],
      ['CVE-2099-7004', 'gateway', 'affected', 'critical'],
      ['CVE-2099-7002', 'pumpctl', 'affected', 'medium'],
      ['GO-2099-7003', 'pumpd', 'indeterminate', 'unknown'],
    ]);
    const ui = r.findings[0]!;
    expect(ui.aliases).toEqual(['GHSA-vs01-scan-0001']);
    expect(ui.maxCvss).toBe(9.8);
    expect(ui.fixedVersions).toEqual(['2.1.1']);
    expect(ui.confidence).toBe('high');
    expect(ui.cwes).toEqual(['CWE-94']);
    expect(ui.evidence[0]!.evidence.reason).toMatch(/2\.0\.0/);
    expect(r.counts).toMatchObject({ affected: 3, indeterminate: 1, suppressed: 0, bySeverity: { critical: 2, medium: 1, high: 0, low: 0, unknown: 0 } });
    // the fixed version of the same package is not a finding
    expect(r.findings.some((f) => f.component.ref === 'ui-fixed')).toBe(false);
  });

  it('counts a KEV-listed vulnerability as critical, and without KEV by its CVSS', async () => {
    const withKev = await scanSbom({ intel: fixtureIntel() }, fixtureSbom(), { today });
    const gw = withKev.findings.find((f) => f.id === 'CVE-2099-7004')!;
    expect(gw.kev).toMatchObject({ dateAdded: '2099-04-06' });
    expect(gw.severity).toBe('critical');
    expect(gw.confidence).toBe('low');
    const without = await scanSbom({ intel: fixtureIntel({ kev: false }) }, fixtureSbom(), { today });
    expect(without.findings.find((f) => f.id === 'CVE-2099-7004')!.severity).toBe('medium');
  });

  it('carries the latest EPSS score of the group', async () => {
    const r = await scanSbom({ intel: fixtureIntel({ epss: [{ cve: 'CVE-2099-7001', epss: 0.1, percentile: 0.5, date: '2099-04-01' }, { cve: 'CVE-2099-7001', epss: 0.4, percentile: 0.9, date: '2099-04-02' }] }) }, fixtureSbom(), { today });
    expect(r.findings[0]!.epss).toEqual({ epss: 0.4, percentile: 0.9, date: '2099-04-02' });
  });

  it('is deterministic whatever the component order', async () => {
    const sbom = fixtureSbom();
    const reversed: ParsedSbom = { ...sbom, components: [...sbom.components].reverse() };
    const a = await scanSbom({ intel: fixtureIntel() }, sbom, { today });
    const b = await scanSbom({ intel: fixtureIntel() }, reversed, { today });
    expect(JSON.stringify(b.findings)).toBe(JSON.stringify(a.findings));
  });

  it('asks the provider only for the components’ keys, in batches, and reports progress', async () => {
    const inner = fixtureIntel();
    const asked: string[][] = [];
    const intel: ScanIntel = { candidates: (pk, vp) => (asked.push([...pk, ...vp]), inner.candidates(pk, vp)), group: (id) => inner.group(id) };
    const progress: number[] = [];
    await scanSbom({ intel }, fixtureSbom(), { today, onProgress: (d) => progress.push(d), progressEvery: 1 });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(expect.arrayContaining(['pkg:npm/%40acme/pump-ui', 'pkg:pypi/pumpctl', 'example:pumpgw']));
    expect(progress).toEqual([6]);
  });

  it('merges alias groups transitively in the bundle index', async () => {
    const advisories = fixtureAdvisories();
    const intel = memoryIntel({ advisories, kev: [], epss: [] });
    const g = await intel.group('CVE-2099-7001');
    expect(g?.identifiers).toEqual(['CVE-2099-7001', 'GHSA-vs01-scan-0001']);
    expect(await intel.group('GHSA-vs01-scan-0001')).toBeNull();
  });
});

describe('ignore file', () => {
  const file = (entries: unknown[]) => JSON.stringify({ ignore: entries });

  it('rejects unknown keys, with the JSON path', () => {
    const err = ignoreError(file([{ id: 'CVE-2099-7001', reason: 'r', expires: '2099-01-01', comment: 'typo' }]));
    expect(err.code).toBe('SCAN_IGNORE_INVALID');
    expect(err.message).toContain('$.ignore[0].comment');
    expect(err.message).toContain('unknown key');
    expect(ignoreError(JSON.stringify({ ignores: [] })).message).toContain('$.ignores');
  });

  it('requires a reason and an expiry, and a real date', () => {
    expect(ignoreError(file([{ id: 'CVE-2099-7001', expires: '2099-01-01' }])).message).toContain('$.ignore[0].reason is required');
    expect(ignoreError(file([{ id: 'CVE-2099-7001', reason: 'r' }])).message).toContain('$.ignore[0].expires is required');
    expect(ignoreError(file([{ id: 'CVE-2099-7001', reason: 'r', expires: '2099-02-30' }])).message).toContain('$.ignore[0].expires must be a date');
    expect(ignoreError(file([{ id: 'CVE-2099-7001', reason: '  ', expires: '2099-01-01' }])).message).toContain('$.ignore[0].reason');
    expect(ignoreError('{ not json').message).toContain('ignore.json: not valid JSON');
  });

  it('suppresses by any identifier and component; reports expired and unused entries', async () => {
    const rules = parseIgnoreFile(
      file([
        { id: 'GHSA-vs01-scan-0001', component: 'pkg:npm/%40acme/', reason: 'not reachable', expires: '2099-12-31' },
        { id: 'CVE-2099-7004', component: 'pumpgw', reason: 'network isolated', expires: '2026-05-31' },
        { id: 'CVE-2099-7002', component: 'pkg:npm/', reason: 'wrong component', expires: '2099-12-31' },
        { id: 'CVE-1999-0001', reason: 'stale', expires: '2099-12-31' },
      ]),
      'ignore.json',
    );
    const r = await scanSbom({ intel: fixtureIntel() }, fixtureSbom(), { today, ignore: rules });
    expect(r.suppressed.map((s) => [s.finding.id, s.ruleIndex])).toEqual([['CVE-2099-7001', 0]]);
    expect(r.findings.map((f) => f.id)).toEqual(['CVE-2099-7004', 'CVE-2099-7002', 'GO-2099-7003']);
    expect(r.ignore.expired.map((x) => [x.ruleIndex, x.wouldMatch])).toEqual([[1, 1]]);
    expect(r.ignore.unused.map((x) => x.ruleIndex)).toEqual([2, 3]);
    expect(r.counts.suppressed).toBe(1);
    // an entry expiring today still applies
    const sameDay = await scanSbom({ intel: fixtureIntel() }, fixtureSbom(), { today: '2026-05-31', ignore: rules });
    expect(sameDay.suppressed.map((s) => s.finding.id)).toEqual(['CVE-2099-7001', 'CVE-2099-7004']);
  });
});
