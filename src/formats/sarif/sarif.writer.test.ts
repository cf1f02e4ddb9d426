/**
 * SARIF 2.1.0 output. The official SARIF JSON schema is not in the conformance data, so these are
 * structural assertions of what the schema and the spec require of what Vigil writes (version,
 * runs[].tool.driver.name, result.message.text, level enum, ruleIndex/artifact index consistency).
 */
import { describe, expect, it } from 'vitest';
import { scanSbom } from '../../app/scan.ts';
import { fixtureIntel, fixtureSbom } from '../../../test/support/scan-fixtures.ts';
import { sarifLevel, toUriReference, writeSarif } from './sarif.writer.ts';

type Sarif = {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }> } };
    artifacts: Array<{ location: { uri: string } }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index: number } }; logicalLocations: Array<{ name: string; fullyQualifiedName: string; kind: string }> }>;
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
    }>;
  }>;
};

async function sarif(): Promise<Sarif> {
  const report = await scanSbom({ intel: fixtureIntel() }, fixtureSbom(), { today: '2026-06-01' });
  return writeSarif(report, { sbomUri: 'build/sbom dir/app.cdx.json', toolVersion: '9.9.9' }) as Sarif;
}

describe('SARIF writer', () => {
  it('writes a SARIF 2.1.0 log with one rule per vulnerability', async () => {
    const s = await sarif();
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toMatch(/sarif-2\.1\.0/);
    expect(s.runs).toHaveLength(1);
    const run = s.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'Vigil', version: '9.9.9' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-2099-7001', 'CVE-2099-7002', 'CVE-2099-7004', 'GO-2099-7003']);
    const r0 = run.tool.driver.rules[0]!;
    expect(r0.shortDescription.text).toBe('Remote code execution in the pump console UI');
    expect(r0.properties['security-severity']).toBe('9.8');
    expect(r0.helpUri).toBe('https://nvd.nist.gov/vuln/detail/CVE-2099-7001');
    expect(run.artifacts).toEqual([{ location: { uri: 'build/sbom%20dir/app.cdx.json' }, mimeType: 'application/vnd.cyclonedx+json' }]);
  });

  it('locates each result in the SBOM file with the component as a logical location', async () => {
    const run = (await sarif()).runs[0]!;
    expect(run.results).toHaveLength(4);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(['none', 'note', 'warning', 'error']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: run.artifacts[0]!.location.uri, index: 0 });
    }
    const ui = run.results.find((r) => r.ruleId === 'CVE-2099-7001')!;
    expect(ui.level).toBe('error');
    expect(ui.locations[0]!.logicalLocations).toEqual([{ name: '@acme/pump-ui@2.0.0', fullyQualifiedName: 'pkg:npm/%40acme/pump-ui@2.0.0', kind: 'module' }]);
    expect(ui.message.text).toContain('fixed in 2.1.1');
    expect(run.results.find((r) => r.ruleId === 'CVE-2099-7002')!.level).toBe('warning');
    const gw = run.results.find((r) => r.ruleId === 'CVE-2099-7004')!;
    expect(gw.level).toBe('error');
    expect(gw.message.text).toContain('KEV');
    expect(gw.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe('gateway');
    const go = run.results.find((r) => r.ruleId === 'GO-2099-7003')!;
    expect(go.level).toBe('note');
    expect(go.properties.status).toBe('indeterminate');
  });

  it('maps severity to levels', () => {
    expect(sarifLevel({ status: 'affected', severity: 'critical' })).toBe('error');
    expect(sarifLevel({ status: 'affected', severity: 'high' })).toBe('error');
    expect(sarifLevel({ status: 'affected', severity: 'medium' })).toBe('warning');
    expect(sarifLevel({ status: 'affected', severity: 'low' })).toBe('note');
    expect(sarifLevel({ status: 'affected', severity: 'unknown' })).toBe('note');
    expect(sarifLevel({ status: 'indeterminate', severity: 'critical' })).toBe('note');
    expect(toUriReference('a\\b c#d.json')).toBe('a/b%20c%23d.json');
  });

  it('gives the same bytes for the same scan', async () => {
    expect(JSON.stringify(await sarif())).toBe(JSON.stringify(await sarif()));
  });
});
