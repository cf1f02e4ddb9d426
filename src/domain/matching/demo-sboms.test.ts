/**
 * The demo SBOMs (src/demo/sboms) against a few hand-written advisories shaped like the real
 * records (GHSA-jfh8-c2jp-5v3q, NVD CVE-2021-44228, CVE-2021-3711, CVE-2023-5678, CVE-2022-37434
 * and a Debian bullseye record), with the expected findings derived by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCycloneDxJson } from '../../formats/cyclonedx/cyclonedx.parser.ts';
import { groupFindings } from './findings.ts';
import { explainMatch, matchComponent, prepareAdvisory } from './match.ts';
import { prepareComponent } from './component.ts';
import { advisory, criterion, eco, orConfig } from './fixtures.test-support.ts';
import type { MatchResult } from './types.ts';

const dir = join(import.meta.dirname, '../../demo/sboms');
const ANY8 = ':*:*:*:*:*:*:*';

const ADVISORIES = [
  advisory('GHSA-jfh8-c2jp-5v3q', {
    aliases: ['CVE-2021-44228'],
    affected: [eco('Maven', 'org.apache.logging.log4j:log4j-core', { introduced: '2.0-beta9' }, { fixed: '2.3.1' }, { introduced: '2.4' }, { fixed: '2.12.2' }, { introduced: '2.13.0' }, { fixed: '2.15.0' })],
  }),
  advisory('CVE-2021-44228', {
    source: 'nvd',
    cpeConfigurations: [
      orConfig(
        criterion(`cpe:2.3:a:apache:log4j:*${ANY8}`, { versionStartIncluding: '2.0.1', versionEndExcluding: '2.12.2' }),
        criterion(`cpe:2.3:a:apache:log4j:*${ANY8}`, { versionStartIncluding: '2.13.0', versionEndExcluding: '2.15.0' }),
      ),
    ],
  }),
  advisory('CVE-2021-3711', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:openssl:openssl:*${ANY8}`, { versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1l' }))] }),
  advisory('DEBIAN-CVE-2023-5678', { aliases: ['CVE-2023-5678'], affected: [eco('Debian:11', 'openssl', { introduced: '0' }, { fixed: '1.1.1w-0+deb11u1' })] }),
  advisory('CVE-2023-5678', {
    source: 'nvd',
    cpeConfigurations: [
      orConfig(
        criterion(`cpe:2.3:a:openssl:openssl:*${ANY8}`, { versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1x' }),
        criterion(`cpe:2.3:a:openssl:openssl:*${ANY8}`, { versionStartIncluding: '3.0.0', versionEndExcluding: '3.0.13' }),
      ),
    ],
  }),
  advisory('CVE-2022-37434', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:zlib:zlib:*${ANY8}`, { versionEndIncluding: '1.2.12' }))] }),
].map(prepareAdvisory);

/** The alias group of each advisory: its CVE. */
const groupOf = (_source: string, id: string): string => (id.startsWith('CVE-') ? id : id === 'GHSA-jfh8-c2jp-5v3q' ? 'CVE-2021-44228' : id.replace(/^DEBIAN-/, ''));

function scan(file: string): { name: string; version: string | null; results: MatchResult[] }[] {
  const sbom = parseCycloneDxJson(readFileSync(join(dir, file)), { maxBytes: 5 * 1024 * 1024 });
  return sbom.components.map((c) => ({ name: c.name, version: c.version, results: matchComponent(prepareComponent(c), ADVISORIES) }));
}

function lines(file: string): string[] {
  return scan(file).flatMap(({ name, version, results }) => results.map((r) => `${name}@${version} ${r.advisory.id} ${r.status} ${r.method} ${r.confidence}`));
}

// Hand-derived: log4j-core 2.14.1 is in GHSA's 2.13.0–2.15.0 interval (purl, high); every
// component whose SBOM CPE is apache:log4j 2.14.1 meets NVD's CPE criteria (low). OpenSSL 1.1.1k
// and 1.1.1g are in [1.1.1, 1.1.1l) and [1.1.1, 1.1.1x); 3.0.10 only in [3.0.0, 3.0.13); Debian
// bullseye's 1.1.1n-0+deb11u5 is before the bullseye fix 1.1.1w-0+deb11u1 (purl, high; the binary
// libssl1.1 through upstream=openssl), buster's packages are not in a Debian:11 record. zlib
// 1.2.11 ≤ 1.2.12; 1.2.13 is not.
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'lumen-imaging-workstation-5.0.3-application.cdx.json': [
    'log4j-core@2.14.1 GHSA-jfh8-c2jp-5v3q affected purl high',
    'log4j-core@2.14.1 CVE-2021-44228 affected cpe low',
    'log4j-api@2.14.1 CVE-2021-44228 affected cpe low',
    'log4j-slf4j-impl@2.14.1 CVE-2021-44228 affected cpe low',
  ],
  'lumen-imaging-workstation-5.2.0-application.cdx.json': [],
  'aurora-infusion-pump-3.1.0-application.cdx.json': [
    'openssl@1.1.1k CVE-2021-3711 affected cpe low',
    'openssl@1.1.1k CVE-2023-5678 affected cpe low',
    'zlib@1.2.11 CVE-2022-37434 affected cpe low',
  ],
  'aurora-infusion-pump-3.1.0-firmware.cdx.json': [
    'openssl@1.1.1k CVE-2021-3711 affected cpe low',
    'openssl@1.1.1k CVE-2023-5678 affected cpe low',
    'zlib@1.2.11 CVE-2022-37434 affected cpe low',
  ],
  // RHEL's openssl-libs carries upstream CPE versions: NVD's upstream ranges meet them (low; backports are invisible to CPE).
  'lumen-imaging-workstation-5.0.3-operating-system.cdx.json': [
    'openssl-libs@1:1.1.1g-15.el8_3 CVE-2021-3711 indeterminate cpe low',
    'openssl-libs@1:1.1.1g-15.el8_3 CVE-2023-5678 indeterminate cpe low',
    'zlib@1.2.11-16.el8_2 CVE-2022-37434 indeterminate cpe low',
  ],
  'lumen-imaging-workstation-5.2.0-operating-system.cdx.json': [
    'openssl-libs@1:1.1.1k-9.el8_7 CVE-2021-3711 indeterminate cpe low',
    'openssl-libs@1:1.1.1k-9.el8_7 CVE-2023-5678 indeterminate cpe low',
    'zlib@1.2.11-21.el8_7 CVE-2022-37434 indeterminate cpe low',
  ],
  'vitalis-patient-monitor-2.2.1-operating-system.cdx.json': [
    'libssl1.1@1.1.1d-0+deb10u5 CVE-2021-3711 indeterminate cpe low',
    'libssl1.1@1.1.1d-0+deb10u5 CVE-2023-5678 indeterminate cpe low',
    'openssl@1.1.1d-0+deb10u5 CVE-2021-3711 indeterminate cpe low',
    'openssl@1.1.1d-0+deb10u5 CVE-2023-5678 indeterminate cpe low',
    'zlib1g@1:1.2.11.dfsg-1 CVE-2022-37434 indeterminate cpe low',
  ],
  'vitalis-patient-monitor-2.2.1-firmware.cdx.json': [],
  'aurora-infusion-pump-3.4.2-application.cdx.json': ['openssl@3.0.10 CVE-2023-5678 affected cpe low'],
  'aurora-infusion-pump-3.4.2-firmware.cdx.json': ['openssl@3.0.10 CVE-2023-5678 affected cpe low'],
  'vitalis-patient-monitor-2.5.0-operating-system.cdx.json': [
    'libssl1.1@1.1.1n-0+deb11u5 DEBIAN-CVE-2023-5678 affected purl high',
    'libssl1.1@1.1.1n-0+deb11u5 CVE-2023-5678 indeterminate cpe low',
    'openssl@1.1.1n-0+deb11u5 DEBIAN-CVE-2023-5678 affected purl high',
    'openssl@1.1.1n-0+deb11u5 CVE-2023-5678 indeterminate cpe low',
    'zlib1g@1:1.2.11.dfsg-2+deb11u2 CVE-2022-37434 indeterminate cpe low',
  ],
};

describe('demo SBOMs × hand-written advisories', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cdx.json'));

  it.each(Object.keys(EXPECTED))('%s', (file) => {
    expect(files).toContain(file);
    expect(lines(file)).toEqual(EXPECTED[file]);
  });

  it('log4j-core 2.14.1 → one CVE-2021-44228 finding, affected, high, from both sources', () => {
    const results = scan('lumen-imaging-workstation-5.0.3-application.cdx.json').flatMap((s) => s.results);
    const findings = groupFindings(results, groupOf);
    const core = findings.find((f) => f.componentRef === 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')!;
    expect(core).toMatchObject({ groupKey: 'CVE-2021-44228', status: 'affected', confidence: 'high' });
    expect(core.advisories).toEqual([
      { source: 'osv', id: 'GHSA-jfh8-c2jp-5v3q' },
      { source: 'nvd', id: 'CVE-2021-44228' },
    ]);
    expect(core.fixedVersions).toEqual(['2.3.1', '2.12.2', '2.15.0']);
    expect(core.evidence[0]!.evidence.reason).toBe('2.14.1 ≥ introduced 2.13.0 and < fixed 2.15.0 (maven scheme, ECOSYSTEM range of Maven/org.apache.logging.log4j:log4j-core)');
    const api = findings.find((f) => f.componentRef === 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1')!;
    expect(api).toMatchObject({ status: 'affected', confidence: 'low', advisories: [{ source: 'nvd', id: 'CVE-2021-44228' }] });
    expect(findings).toHaveLength(3);
  });

  it('firmware openssl 1.1.1k → CVE-2021-3711 by CPE, compared with the OpenSSL scheme', () => {
    const openssl = scan('aurora-infusion-pump-3.1.0-firmware.cdx.json').find((s) => s.name === 'openssl')!;
    const r = openssl.results.find((x) => x.advisory.id === 'CVE-2021-3711')!;
    expect(r.evidence.scheme).toEqual({ id: 'openssl', origin: 'product' });
    expect(r.evidence.reason).toContain('1.1.1k ≥ 1.1.1 (versionStartIncluding) and < 1.1.1l (versionEndExcluding)');
  });

  it('the buster openssl is not in the bullseye record, and the "why not?" view says so', () => {
    const sbom = parseCycloneDxJson(readFileSync(join(dir, 'vitalis-patient-monitor-2.2.1-operating-system.cdx.json')), { maxBytes: 5 * 1024 * 1024 });
    const libssl = sbom.components.find((c) => c.name === 'libssl1.1')!;
    const why = explainMatch(libssl, ADVISORIES[3]!);
    expect(why.status).toBe('not-affected');
    expect(why.reasons.join('\n')).toContain('names release 11 of Debian');
  });
});
