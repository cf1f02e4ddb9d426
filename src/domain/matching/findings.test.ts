import { describe, expect, it } from 'vitest';
import { groupFindings } from './findings.ts';
import { matchComponent } from './match.ts';
import { advisory, component, criterion, eco, orConfig, pkg, range } from './fixtures.test-support.ts';

const ANY8 = ':*:*:*:*:*:*:*';
// Three records of one vulnerability (alias group CVE-X) and one of another (CVE-Y).
const ghsa = advisory('GHSA-x', { source: 'ghsa', aliases: ['CVE-X'], affected: [eco('npm', 'widget', { introduced: '1.0.0' }, { fixed: '1.4.0' })] });
const osv = advisory('OSV-x', { source: 'osv', aliases: ['CVE-X'], affected: [pkg('npm', 'widget', [range('GIT', [{ introduced: 'a1' }, { fixed: 'b2' }], 'https://example.org/widget.git')], { fixedVersions: ['1.4.1'] })] });
const nvd = advisory('CVE-X', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:acme:widget:*${ANY8}`, { versionEndExcluding: '1.5.0' }))] });
const other = advisory('GHSA-y', { source: 'ghsa', aliases: ['CVE-Y'], affected: [pkg('npm', 'widget', [range('GIT', [{ introduced: 'c3' }], 'https://example.org/widget.git')])] });
const groups: Record<string, string> = { 'GHSA-x': 'CVE-X', 'OSV-x': 'CVE-X', 'CVE-X': 'CVE-X', 'GHSA-y': 'CVE-Y' };
const groupOf = (_s: string, id: string) => groups[id]!;

describe('groupFindings', () => {
  it('one finding per (component, alias group) with all evidence, merged fixed versions, highest confidence', () => {
    const w = component('w', { name: 'widget', version: '1.2.0', purl: 'pkg:npm/widget@1.2.0' });
    const cpeOnly = component('fw', { name: 'widget', version: '1.4.5', cpe: `cpe:2.3:a:acme:widget:1.4.5${ANY8}` });
    const results = [...matchComponent(w, [ghsa, osv, nvd, other]), ...matchComponent(cpeOnly, [ghsa, osv, nvd, other])];
    expect(results.map((r) => `${r.componentRef} ${r.advisory.id} ${r.status} ${r.confidence}`)).toEqual([
      'w GHSA-x affected high',
      'w OSV-x indeterminate high',
      'w GHSA-y indeterminate high',
      'fw CVE-X affected low',
    ]);
    const findings = groupFindings(results, groupOf);
    expect(findings.map((f) => [f.componentRef, f.groupKey, f.status, f.confidence, f.advisories.map((a) => a.id), f.fixedVersions])).toEqual([
      ['w', 'CVE-X', 'affected', 'high', ['GHSA-x', 'OSV-x'], ['1.4.0', '1.4.1']],
      ['w', 'CVE-Y', 'indeterminate', 'high', ['GHSA-y'], []],
      ['fw', 'CVE-X', 'affected', 'low', ['CVE-X'], ['1.5.0']],
    ]);
    expect(findings[0]!.evidence.map((r) => r.advisory.id)).toEqual(['GHSA-x', 'OSV-x']);
  });

  it('takes the confidence from the results that carry the status', () => {
    const w = component('w', { name: 'widget', version: '1.4.5', purl: 'pkg:npm/widget@1.4.5', cpe: `cpe:2.3:a:acme:widget:1.4.5${ANY8}` });
    // GHSA: not affected (1.4.5 ≥ 1.4.0); OSV: GIT only → indeterminate (high); NVD: affected by CPE (low).
    const findings = groupFindings(matchComponent(w, [ghsa, osv, nvd]), groupOf);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'affected', confidence: 'low' });
    expect(findings[0]!.evidence.map((r) => r.status)).toEqual(['affected', 'indeterminate']);
  });
});
