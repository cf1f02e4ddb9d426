import { describe, expect, it } from 'vitest';
import { explainMatch, matchComponent } from './match.ts';
import { csafRangeToVers } from './csaf.match.ts';
import { advisory, component, csafProduct } from './fixtures.test-support.ts';

// Shapes as the CSAF reader produces them for CISA ICSMA advisories (vendor / product_name /
// product_version_range branches with free-text ranges).
const BD = 'Becton, Dickinson and Company (BD)';
const alaris = advisory('ICSMA-19-164-01#CVE-2019-10959', {
  source: 'csaf',
  aliases: ['CVE-2019-10959'],
  csafProducts: [
    csafProduct('CSAFPID-0001', { name: 'Alaris 8015 PC unit <= 9.33', vendor: BD, product: 'Alaris 8015 PC unit', versionRange: '<= 9.33', fixedVersions: ['9.33.1'] }),
    csafProduct('CSAFPID-0002', { name: 'Alaris Gateway Workstation 1.1.5', vendor: BD, product: 'Alaris Gateway Workstation', version: '1.1.5' }),
    csafProduct('CSAFPID-0003', { name: 'Pyxis ES', vendor: BD, product: 'Pyxis ES', versionRange: '>= 1.3.4 | < 1.5.3' }),
    csafProduct('CSAFPID-0004', { name: 'Accent MRI', vendor: 'Abbott Laboratories', product: 'Accent MRI', versionRange: '< august 28' }),
    csafProduct('CSAFPID-0005', { name: 'Kappa', vendor: 'Dräger', product: 'Kappa', version: 'vers:all/*' }),
    csafProduct('CSAFPID-0006', { name: 'Infinity Delta', vendor: 'Dräger', product: 'Infinity Delta', status: 'under_investigation' }),
  ],
});

const pump = advisory('VENDOR-2024-01', {
  source: 'csaf',
  csafProducts: [
    csafProduct('PUMP-300', { name: 'InfuSafe 300', vendor: 'Acme Medical', product: 'InfuSafe 300', versionRange: 'vers:generic/>=1.0|<2.1.0', helpers: { modelNumbers: ['IS-300'], skus: ['IS300-EU'] } }),
    csafProduct('PUMP-300-FIXED', { name: 'InfuSafe 300 2.0.5', vendor: 'Acme Medical', product: 'InfuSafe 300', version: '2.0.5', status: 'known_not_affected' }),
    csafProduct('FW-HASH', { name: 'pump firmware image', status: 'known_affected', helpers: { hashes: [{ filename: 'fw.bin', algorithm: 'sha256', value: 'ABCDEF0123' }] } }),
    csafProduct('LOG4J', { name: 'log4j-core 2.14.1', status: 'known_affected', helpers: { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' } }),
    csafProduct('OPENSSL-CPE', { name: 'OpenSSL 1.1.1 before 1.1.1l', versionRange: 'vers:generic/>=1.1.1|<1.1.1l', helpers: { cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*' } }),
  ],
});

describe('CSAF route: vendor + product name + version range (ICSMA shapes)', () => {
  it('matches by normalised names with the supplier as vendor, medium, reason spelled out', () => {
    const c = component('alaris', { name: 'Alaris 8015 PC Unit', supplier: 'BD', version: '9.19' });
    const [r] = matchComponent(c, [alaris]);
    expect(r).toMatchObject({ status: 'affected', method: 'name', confidence: 'medium', advisory: { source: 'csaf', id: 'ICSMA-19-164-01#CVE-2019-10959' } });
    expect(r!.evidence.criterion).toMatchObject({ kind: 'csaf', productId: 'CSAFPID-0001', via: 'name', versionRange: '<= 9.33' });
    expect(r!.evidence.range).toEqual({ text: '<= 9.33', vers: 'vers:generic/<=9.33' });
    expect(r!.evidence.scheme).toEqual({ id: 'generic', origin: 'generic' });
    expect(r!.evidence.reason).toContain("vendor 'BD' ≈ 'Becton, Dickinson and Company (BD)'");
    expect(r!.evidence.reason).toContain("'<= 9.33' read as vers:generic/<=9.33");
    expect(r!.evidence.fixedVersions).toEqual(['9.33.1']);
  });

  it('does not match outside the range, another vendor, or another product', () => {
    expect(matchComponent(component('a', { name: 'Alaris 8015 PC unit', supplier: 'BD', version: '10.1' }), [alaris])).toEqual([]);
    expect(matchComponent(component('a', { name: 'Alaris 8015 PC unit', supplier: 'Baxter International Inc.', version: '9.19' }), [alaris])).toEqual([]);
    expect(matchComponent(component('a', { name: 'Alaris 8100 Pump module', supplier: 'BD', version: '9.19' }), [alaris])).toEqual([]);
  });

  it('the vendor may prefix the product name; without a supplier the match is low', () => {
    const prefixed = component('p', { name: 'BD Pyxis ES', supplier: 'Becton Dickinson', version: '1.4.0' });
    expect(matchComponent(prefixed, [alaris])[0]).toMatchObject({ status: 'affected', method: 'name', confidence: 'medium', evidence: { criterion: { productId: 'CSAFPID-0003' } } });
    const noSupplier = component('p', { name: 'Pyxis ES', version: '1.4.0' });
    const [r] = matchComponent(noSupplier, [alaris]);
    expect(r).toMatchObject({ confidence: 'low' });
    expect(r!.evidence.reason).toContain('vendor not compared');
    expect(matchComponent(component('p', { name: 'Pyxis ES', supplier: 'BD', version: '1.5.3' }), [alaris])).toEqual([]);
  });

  it('an exact product version matches only that version', () => {
    expect(matchComponent(component('g', { name: 'Alaris Gateway Workstation', supplier: 'BD', version: '1.1.5' }), [alaris])[0]).toMatchObject({ status: 'affected' });
    expect(matchComponent(component('g', { name: 'Alaris Gateway Workstation', supplier: 'BD', version: '1.1.6' }), [alaris])).toEqual([]);
  });

  it('range text Vigil cannot read is indeterminate with the text quoted', () => {
    const [r] = matchComponent(component('m', { name: 'Accent MRI', supplier: 'Abbott', version: '2.1' }), [alaris]);
    expect(r).toMatchObject({ status: 'indeterminate', method: 'name' });
    expect(r!.evidence.reason).toContain("'< august 28' is not a version range Vigil can read");
  });

  it('vers:all/* and names with diacritics; under_investigation is indeterminate', () => {
    expect(matchComponent(component('k', { name: 'Kappa', supplier: 'Drager', version: '1.0' }), [alaris])[0]).toMatchObject({ status: 'affected', evidence: { range: { vers: 'vers:all/*' } } });
    expect(matchComponent(component('d', { name: 'Infinity Delta', supplier: 'Dräger Medical GmbH', version: '1.0' }), [alaris])[0]).toMatchObject({ status: 'indeterminate', evidence: { reason: expect.stringContaining('still investigating') } });
  });

  it('a component without a version is indeterminate against a range', () => {
    expect(matchComponent(component('a', { name: 'Alaris 8015 PC unit', supplier: 'BD' }), [alaris])[0]).toMatchObject({ status: 'indeterminate' });
  });
});

describe('CSAF route: product identification helpers', () => {
  it('model number from a component property, then the version range', () => {
    const c = component('pump', { name: 'Infusion pump', supplier: 'Acme Medical', version: '2.0.1', properties: [{ name: 'acme:device:modelNumber', value: 'is-300' }] });
    const [r] = matchComponent(c, [pump]);
    expect(r).toMatchObject({ status: 'affected', method: 'csaf', confidence: 'medium', evidence: { identifier: { kind: 'model-number', value: 'is-300' }, criterion: { productId: 'PUMP-300', via: 'model-number' } } });
    expect(matchComponent({ ...c, version: '2.1.0' }, [pump])).toEqual([]);
  });

  it('SKU property', () => {
    const c = component('pump', { name: 'Pump', version: '1.5', properties: [{ name: 'sku', value: 'IS300-EU' }] });
    expect(matchComponent(c, [pump])[0]).toMatchObject({ method: 'csaf', evidence: { criterion: { via: 'sku' } } });
  });

  it('a known_not_affected product naming the exact version overrides the range', () => {
    const c = component('pump', { name: 'InfuSafe 300', supplier: 'Acme Medical', version: '2.0.5' });
    expect(matchComponent(c, [pump])).toEqual([]);
    expect(explainMatch(c, pump).reasons.join('\n')).toContain("CSAF product PUMP-300-FIXED 'InfuSafe 300 2.0.5' (known_not_affected) names this version");
    expect(matchComponent({ ...c, version: '2.0.4' }, [pump])[0]).toMatchObject({ status: 'affected', method: 'name', confidence: 'medium' });
  });

  it('a file hash is high confidence whatever the version', () => {
    const c = component('fw', { name: 'firmware.bin', version: null, hashes: [{ alg: 'SHA-256', content: 'abcdef0123' }] });
    expect(matchComponent(c, [pump])[0]).toMatchObject({ status: 'affected', method: 'csaf', confidence: 'high', evidence: { identifier: { kind: 'hash', value: 'SHA-256:abcdef0123' }, criterion: { via: 'hash' } } });
  });

  it('a purl helper is a purl match (high) with the helper version', () => {
    const c = (v: string) => component('core', { name: 'log4j-core', version: v, purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${v}` });
    expect(matchComponent(c('2.14.1'), [pump])[0]).toMatchObject({ status: 'affected', method: 'purl', confidence: 'high', evidence: { criterion: { via: 'purl', productId: 'LOG4J' } } });
    expect(matchComponent(c('2.17.1'), [pump])).toEqual([]);
  });

  it('a CPE helper is a CPE match (low) with the product range', () => {
    const c = component('o', { name: 'openssl', version: '1.1.1k', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*' });
    expect(matchComponent(c, [pump])[0]).toMatchObject({ status: 'affected', method: 'cpe', confidence: 'low', evidence: { criterion: { via: 'cpe', productId: 'OPENSSL-CPE' } } });
  });

  it('names the product a relationship installs the component on', () => {
    const a = advisory('REL-1', {
      source: 'csaf',
      csafProducts: [
        csafProduct('REL', {
          name: 'openssl 1.0.2 as component of Monitor X',
          vendor: 'OpenSSL',
          product: 'openssl',
          version: '1.0.2',
          relationship: { category: 'default_component_of', productReference: 'OSSL', relatesToProductReference: 'MON', relatesToName: 'Monitor X' },
        }),
      ],
    });
    const [r] = matchComponent(component('o', { name: 'OpenSSL', supplier: 'OpenSSL Software Foundation', version: '1.0.2' }), [a]);
    expect(r!.evidence.conditions).toEqual(['default component of Monitor X (CSAF relationship, not checked)']);
  });
});

describe('csafRangeToVers', () => {
  it.each([
    ['<= 9.33', 'vers:generic/<=9.33'],
    ['<=3.0.0.0', 'vers:generic/<=3.0.0.0'],
    ['>= 1.3.4 | < 1.5.3', 'vers:generic/>=1.3.4|<1.5.3'],
    ['>= 4.4, <= 4.12', 'vers:generic/>=4.4|<=4.12'],
    ['2.3.6 and  below', 'vers:generic/<=2.3.6'],
    ['prior to 4.2', 'vers:generic/<4.2'],
    ['all versions', 'vers:all/*'],
    ['< B.06.18', 'vers:generic/<B.06.18'],
    ['<= 2.01 (end-of-life Nov 2017)', 'vers:generic/<=2.01'],
    ['24950 | 24952', 'vers:generic/24950|24952'],
    ['3002 S3 | 3005 S3', 'vers:generic/3002%20S3|3005%20S3'],
  ])('%s → %s', (text, vers) => {
    expect(csafRangeToVers(text)).toEqual({ ok: true, vers });
  });

  it.each(['< august 28', '<= K', 'Rev B-M', '<= 11.x', '<=11.2 on Windows 8.1 with IIS 7.5', 'distributed  < april 1, 2018'])('refuses %s', (text) => {
    expect(csafRangeToVers(text).ok).toBe(false);
  });
});
