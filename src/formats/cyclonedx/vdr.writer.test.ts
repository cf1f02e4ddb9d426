import { describe, expect, it } from 'vitest';
import { scanSbom } from '../../app/scan.ts';
import { fixtureIntel, fixtureSbom } from '../../../test/support/scan-fixtures.ts';
import { parseCycloneDxJson } from './cyclonedx.parser.ts';
import { writeVdr } from './vdr.writer.ts';

type Vdr = {
  specVersion: string;
  components: Array<{ 'bom-ref': string; name: string }>;
  vulnerabilities: Array<{
    id: string;
    source: { name: string; url: string };
    references?: Array<{ id: string }>;
    ratings?: Array<{ score: number; severity: string; method: string; vector?: string; source: { name: string } }>;
    cwes?: number[];
    analysis?: unknown;
    affects: Array<{ ref: string; versions?: Array<{ version: string; status: string }> }>;
    properties: Array<{ name: string; value: string }>;
  }>;
};

async function vdr(): Promise<Vdr> {
  const sbom = fixtureSbom();
  const report = await scanSbom({ intel: fixtureIntel() }, sbom, { today: '2026-06-01' });
  return writeVdr(report, sbom.components, { toolVersion: '9.9.9' }) as Vdr;
}

describe('CycloneDX VDR writer', () => {
  it('writes a CycloneDX 1.6 BOM that the CycloneDX parser (official schema) accepts', async () => {
    const doc = await vdr();
    expect(doc.specVersion).toBe('1.6');
    const parsed = parseCycloneDxJson(new TextEncoder().encode(JSON.stringify(doc)), { maxBytes: 1 << 20 });
    expect(parsed.specVersion).toBe('1.6');
    expect(parsed.components.map((c) => c.ref)).toEqual(['gateway', 'pumpctl', 'pumpd', 'ui']);
  });

  it('lists each vulnerability with source, aliases, ratings, CWEs and affects by the SBOM bom-ref', async () => {
    const doc = await vdr();
    const sbomRefs = new Set(fixtureSbom().components.map((c) => c.ref));
    expect(doc.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2099-7001', 'CVE-2099-7002', 'CVE-2099-7004', 'GO-2099-7003']);
    for (const v of doc.vulnerabilities) {
      expect(v.analysis).toBeUndefined();
      for (const a of v.affects) expect(sbomRefs.has(a.ref)).toBe(true);
    }
    const ui = doc.vulnerabilities[0]!;
    expect(ui.source).toEqual({ name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2099-7001' });
    expect(ui.references).toEqual([{ id: 'GHSA-vs01-scan-0001', source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-vs01-scan-0001' } }]);
    expect(ui.ratings).toEqual([{ source: { name: 'ghsa' }, score: 9.8, severity: 'critical', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]);
    expect(ui.cwes).toEqual([94]);
    expect(ui.affects).toEqual([{ ref: 'ui', versions: [{ version: '2.0.0', status: 'affected' }] }]);
    const gw = doc.vulnerabilities.find((v) => v.id === 'CVE-2099-7004')!;
    expect(gw.properties).toContainEqual({ name: 'vigil:kev:dateAdded', value: '2099-04-06' });
    expect(gw.properties).toContainEqual({ name: 'vigil:severity', value: 'critical' });
    expect(gw.cwes).toEqual([287]);
    const go = doc.vulnerabilities.find((v) => v.id === 'GO-2099-7003')!;
    expect(go.source.name).toBe('OSV');
    expect(go.affects[0]!.versions).toEqual([{ version: 'v1.0.0', status: 'unknown' }]);
    expect(go.ratings).toBeUndefined();
  });
});
