import { describe, expect, it } from 'vitest';
import { explainMatch, matchComponent } from './match.ts';
import { advisory, component, criterion, eco, orConfig } from './fixtures.test-support.ts';
import type { Advisory } from '../advisories/advisory.ts';

const ANY8 = ':*:*:*:*:*:*:*';
const openssl3711 = advisory('CVE-2021-3711', {
  source: 'nvd',
  cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:openssl:openssl:*${ANY8}`, { versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1l' }))],
});
const busyboxExact = advisory('CVE-busybox', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:busybox:busybox:1.33.0${ANY8}`))] });
const anyVendorOpenssl = advisory('CVE-any-vendor', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:*:openssl:*${ANY8}`, { versionEndExcluding: '1.1.1l' }))] });
const acmeOpenssl = advisory('CVE-acme-openssl', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:acme:openssl:*${ANY8}`))] });
const zlib = advisory('CVE-2018-25032', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:zlib:zlib:*${ANY8}`, { versionEndExcluding: '1.2.12' }))] });
const genericLib = advisory('CVE-mosquitto', { source: 'nvd', cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:eclipse:mosquitto:*${ANY8}`, { versionStartIncluding: '1.6.0', versionEndIncluding: '1.6.12' }))] });
const runningOn: Advisory = advisory('CVE-running-on', {
  source: 'nvd',
  cpeConfigurations: [
    {
      operator: 'AND',
      nodes: [
        { operator: 'OR', negate: false, cpeMatch: [criterion(`cpe:2.3:a:dcmtk:dcmtk:*${ANY8}`, { versionEndExcluding: '3.6.7' })] },
        { operator: 'OR', negate: false, cpeMatch: [criterion(`cpe:2.3:o:microsoft:windows:-${ANY8}`, {}, false)] },
      ],
    },
  ],
});
const negated: Advisory = advisory('CVE-negated', {
  source: 'nvd',
  cpeConfigurations: [{ operator: 'OR', nodes: [{ operator: 'OR', negate: true, cpeMatch: [criterion(`cpe:2.3:a:zlib:zlib:*${ANY8}`)] }] }],
});

const firmwareOpenssl = (version: string) => component('fw-openssl', { name: 'openssl', version, purl: `pkg:generic/openssl@${version}`, cpe: `cpe:2.3:a:openssl:openssl:${version}${ANY8}` });

describe('CPE route', () => {
  it('matches version bounds, confidence low, with the product scheme for OpenSSL letter releases', () => {
    const [r] = matchComponent(firmwareOpenssl('1.1.1k'), [openssl3711]);
    expect(r).toMatchObject({ status: 'affected', method: 'cpe', confidence: 'low', advisory: { source: 'nvd', id: 'CVE-2021-3711' } });
    expect(r!.evidence.scheme).toEqual({ id: 'openssl', origin: 'product' });
    expect(r!.evidence.reason).toContain('1.1.1k ≥ 1.1.1 (versionStartIncluding) and < 1.1.1l (versionEndExcluding)');
    expect(r!.evidence.reason).toContain('openssl scheme, the release scheme of openssl:openssl');
    expect(r!.evidence.identifier).toEqual({ kind: 'cpe', value: `cpe:2.3:a:openssl:openssl:1.1.1k${ANY8}`, derived: false });
    expect(r!.evidence.criterion).toMatchObject({ kind: 'cpe', criteria: `cpe:2.3:a:openssl:openssl:*${ANY8}`, versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1l' });
    expect(r!.evidence.range).toEqual({ text: `cpe:2.3:a:openssl:openssl:*${ANY8} [≥ 1.1.1, < 1.1.1l]`, vers: 'vers:openssl/>=1.1.1|<1.1.1l' });
    expect(r!.evidence.fixedVersions).toEqual(['1.1.1l']);
  });

  it('is not affected at or after the end bound', () => {
    expect(matchComponent(firmwareOpenssl('1.1.1l'), [openssl3711])).toEqual([]);
    expect(matchComponent(firmwareOpenssl('3.0.10'), [openssl3711])).toEqual([]);
    expect(explainMatch(firmwareOpenssl('1.1.1l'), openssl3711).reasons.join('\n')).toContain('1.1.1l is not < 1.1.1l');
  });

  it('uses generic when nothing is known, and says so', () => {
    const c = component('mq', { name: 'mosquitto', version: '1.6.12', cpe: `cpe:2.3:a:eclipse:mosquitto:1.6.12${ANY8}` });
    const [r] = matchComponent(c, [genericLib]);
    expect(r!.evidence.scheme).toEqual({ id: 'generic', origin: 'generic' });
    expect(r!.evidence.reason).toContain('generic scheme: no scheme known for this component');
    expect(matchComponent({ ...c, version: '1.6.13', cpe: `cpe:2.3:a:eclipse:mosquitto:1.6.13${ANY8}` }, [genericLib])).toEqual([]);
  });

  it('uses the purl type scheme when the purl declares one', () => {
    const c = component('conan-zlib', { name: 'zlib', version: '1.2.11', purl: 'pkg:conan/zlib@1.2.11', cpe: `cpe:2.3:a:zlib:zlib:1.2.11${ANY8}` });
    expect(matchComponent(c, [zlib])[0]!.evidence.scheme).toEqual({ id: 'conan', origin: 'declared' });
  });

  it('matches an exact version in the criteria', () => {
    const bb = (v: string) => component('bb', { name: 'busybox', version: v, cpe: `cpe:2.3:a:busybox:busybox:${v}${ANY8}` });
    expect(matchComponent(bb('1.33.0'), [busyboxExact])[0]!.evidence.reason).toContain('1.33.0 = 1.33.0');
    expect(matchComponent(bb('1.33.1'), [busyboxExact])).toEqual([]);
  });

  it('a criteria with any vendor matches the product; a component CPE with any vendor does not claim a vendor', () => {
    expect(matchComponent(firmwareOpenssl('1.1.1k'), [anyVendorOpenssl])).toHaveLength(1);
    const anyVendorComponent = component('x', { name: 'openssl', version: '1.1.1k', cpe: `cpe:2.3:a:*:openssl:1.1.1k${ANY8}` });
    expect(matchComponent(anyVendorComponent, [openssl3711])).toEqual([]);
    expect(explainMatch(anyVendorComponent, openssl3711).reasons.join('\n')).toContain('does not name');
  });

  it('wildcards do not match unrelated products', () => {
    const fips = component('fips', { name: 'openssl-fips', version: '1.1.1k', cpe: `cpe:2.3:a:openssl:openssl_fips:1.1.1k${ANY8}` });
    expect(matchComponent(fips, [anyVendorOpenssl, openssl3711])).toEqual([]);
    expect(matchComponent(firmwareOpenssl('1.1.1k'), [acmeOpenssl])).toEqual([]);
  });

  it('derives a CPE from a known purl and says so', () => {
    const c = component('zlib', { name: 'zlib', version: '1.2.11', purl: 'pkg:conan/zlib@1.2.11' });
    const [r] = matchComponent(c, [zlib]);
    expect(r).toMatchObject({ status: 'affected', method: 'cpe', confidence: 'low' });
    expect(r!.evidence.identifier).toMatchObject({ kind: 'cpe', value: `cpe:2.3:a:zlib:zlib:1.2.11${ANY8}`, derived: true });
    expect(r!.evidence.identifier.note).toContain('derived CPE');
    expect(r!.evidence.reason.startsWith('derived CPE ')).toBe(true);
    expect(matchComponent(component('zlib', { name: 'zlib', version: '1.2.12', purl: 'pkg:conan/zlib@1.2.12' }), [zlib])).toEqual([]);
  });

  it('an AND configuration with a platform node is affected, low, with the unchecked condition named', () => {
    const c = component('dcmtk', { name: 'dcmtk', version: '3.6.5', purl: 'pkg:generic/dcmtk@3.6.5', cpe: `cpe:2.3:a:dcmtk:dcmtk:3.6.5${ANY8}` });
    const [r] = matchComponent(c, [runningOn]);
    expect(r).toMatchObject({ status: 'affected', confidence: 'low', method: 'cpe' });
    expect(r!.evidence.conditions).toHaveLength(1);
    expect(r!.evidence.conditions[0]).toContain('cpe:2.3:o:microsoft:windows');
    expect(r!.evidence.conditions[0]).toContain('not checked');
    expect(r!.evidence.reason).toContain('unchecked condition');
  });

  it('never matches a platform criterion (vulnerable: false) or a negated node', () => {
    const win = component('win', { name: 'windows', version: '-', cpe: `cpe:2.3:o:microsoft:windows:-${ANY8}` });
    expect(matchComponent(win, [runningOn])).toEqual([]);
    expect(matchComponent(component('z', { name: 'zlib', version: '1.2.11', cpe: `cpe:2.3:a:zlib:zlib:1.2.11${ANY8}` }), [negated])).toEqual([]);
  });

  it('is indeterminate without a version, and when the version does not parse', () => {
    const noVersion = component('z', { name: 'zlib', cpe: `cpe:2.3:a:zlib:zlib:*${ANY8}` });
    expect(matchComponent(noVersion, [zlib])[0]).toMatchObject({ status: 'indeterminate', evidence: { reason: expect.stringContaining('no version') } });
    const bad = component('o', { name: 'openssl', version: '1.1.1k-fips', purl: 'pkg:generic/openssl@1.1.1k-fips', cpe: `cpe:2.3:a:openssl:openssl:*${ANY8}` });
    const [r] = matchComponent(bad, [openssl3711]);
    expect(r).toMatchObject({ status: 'indeterminate', method: 'cpe' });
    expect(r!.evidence.reason).toContain("'1.1.1k-fips' is not a valid openssl version");
  });

  it('purl beats CPE for the same advisory: one result, and no CPE result when the purl says not affected', () => {
    const both = advisory('GHSA-both', {
      affected: [eco('Maven', 'org.apache.logging.log4j:log4j-core', { introduced: '2.13.0' }, { fixed: '2.15.0' })],
      cpeConfigurations: [orConfig(criterion(`cpe:2.3:a:apache:log4j:*${ANY8}`))],
    });
    const core = (v: string) => component('core', { name: 'log4j-core', version: v, purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${v}`, cpe: `cpe:2.3:a:apache:log4j:${v}${ANY8}` });
    const results = matchComponent(core('2.14.1'), [both]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ method: 'purl', confidence: 'high' });
    expect(matchComponent(core('2.17.1'), [both])).toEqual([]);
    expect(explainMatch(core('2.17.1'), both).reasons.join('\n')).toContain('purl wins over CPE');
    // a different artifact, not named by the purl route, still gets the CPE result
    const api = component('api', { name: 'log4j-api', version: '2.17.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.17.1', cpe: `cpe:2.3:a:apache:log4j:2.17.1${ANY8}` });
    expect(matchComponent(api, [both])[0]).toMatchObject({ method: 'cpe', confidence: 'low' });
  });

  it('compares a deb component by its CPE version when the SBOM gives one, and calls a hit indeterminate (backports)', () => {
    const deb = component('libssl', {
      name: 'libssl1.1',
      version: '1.1.1d-0+deb10u5',
      purl: 'pkg:deb/debian/libssl1.1@1.1.1d-0%2Bdeb10u5?distro=debian-10&upstream=openssl',
      cpe: `cpe:2.3:a:openssl:openssl:1.1.1d${ANY8}`,
    });
    const [r] = matchComponent(deb, [openssl3711]);
    expect(r).toMatchObject({ status: 'indeterminate', method: 'cpe', evidence: { version: '1.1.1d', scheme: { id: 'deb', origin: 'declared' }, reason: expect.stringContaining('backported fixes') } });
  });
});
