import { describe, expect, it } from 'vitest';
import { VigilError } from '../errors.ts';
import {
  ANY,
  NA,
  compareCpe,
  compareCpeValues,
  cpeValueText,
  formatCpe,
  formatCpeUri,
  makeCpe,
  normalizeCpe,
  parseCpe,
  type AttributeRelation,
  type CpeValue,
} from './cpe.ts';

const v = (value: string): CpeValue => ({ value });

describe('formatted-string binding (NIST IR 7695 §6.2)', () => {
  it.each([
    [
      'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
      { part: v('a'), vendor: v('microsoft'), product: v('internet_explorer'), version: v('8\\.0\\.6001'), update: v('beta') },
    ],
    ['cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*', { version: v('8\\.*'), update: v('sp?') }],
    [
      'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
      { update: NA, edition: ANY, sw_edition: v('online'), target_sw: v('win2003'), target_hw: v('x64'), other: ANY },
    ],
    ['cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*', { vendor: v('foo\\\\bar'), product: v('big\\$money_2010') }],
    ['cpe:2.3:a:openssl:openssl:1.0.2k\\-fips:*:*:*:*:*:*:*', { version: v('1\\.0\\.2k\\-fips') }],
  ])('unbinds %s', (fs, expected) => {
    const cpe = parseCpe(fs);
    expect(cpe).toMatchObject(expected);
    // binding again gives the same string, with '.', '-' unquoted
    expect(formatCpe(cpe)).toBe(fs.replace('1.0.2k\\-fips', '1.0.2k-fips'));
  });

  it('keeps a lone quoted hyphen distinct from NA', () => {
    const cpe = makeCpe({ part: 'a', vendor: 'x', product: 'y', version: '\\-' });
    expect(formatCpe(cpe)).toBe('cpe:2.3:a:x:y:\\-:*:*:*:*:*:*:*');
    expect(parseCpe(formatCpe(cpe)).version).toEqual(v('\\-'));
  });

  it.each([
    ['cpe:2.3:a:vendor:product:1.*.2:*:*:*:*:*:*:*', "embedded unquoted '*'"],
    ['cpe:2.3:a:vendor:product:1.?.2:*:*:*:*:*:*:*', "embedded unquoted '?'"],
    ['cpe:2.3:x:vendor:product:*:*:*:*:*:*:*:*', "part must be 'a', 'o' or 'h'"],
    ['cpe:2.3:a:vendor:product:*:*:*', '13'],
    ['cpe:2.3:a:vendor::*:*:*:*:*:*:*:*', 'product is empty'],
    ['cpe:/a:vendor:product:1.0:a:b:c:d', 'at most 7'],
    ['cpe:/a:ven dor', 'must be percent-encoded'],
    ['openssl', "expected 'cpe:2.3:"],
  ])('rejects %s with CPE_INVALID', (input, reason) => {
    let err: unknown;
    try {
      parseCpe(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VigilError);
    expect((err as VigilError).code).toBe('CPE_INVALID');
    expect((err as VigilError).message).toContain(reason);
  });
});

describe('URI binding (NIST IR 7695 §6.1)', () => {
  it.each([
    ['cpe:/a:microsoft:internet_explorer:8.0.6001:beta', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'],
    ['cpe:/a:microsoft:internet_explorer:8.%02:sp%01', 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'],
    ['cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*'],
    ['cpe:/a:foo%5cbar:big%24money_2010', 'cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:*:*:*:*'],
    ['cpe:/o:LINUX:Linux_Kernel:5.10', 'cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*'],
    ['cpe:/a:vendor:product:1.0:update1:pro:en-us', 'cpe:2.3:a:vendor:product:1.0:update1:pro:en-us:*:*:*:*'],
  ])('unbinds %s as %s and binds back', (uri, fs) => {
    expect(normalizeCpe(uri)).toBe(fs);
    expect(formatCpeUri(parseCpe(fs))).toBe(uri.toLowerCase());
  });

  it('gives ANY for components left out and trims trailing empty components', () => {
    const cpe = parseCpe('cpe:/a:openssl:openssl');
    expect(cpe.version).toEqual(ANY);
    expect(cpe.other).toEqual(ANY);
    expect(formatCpeUri(parseCpe('cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*'))).toBe('cpe:/a:openssl:openssl');
  });
});

describe('attribute comparison (NIST IR 7696 Table 6-2)', () => {
  const cases: readonly [string, CpeValue, CpeValue, AttributeRelation][] = [
    ['ANY vs ANY', ANY, ANY, 'EQUAL'],
    ['ANY vs NA', ANY, NA, 'SUPERSET'],
    ['ANY vs string', ANY, v('1\\.0'), 'SUPERSET'],
    ['NA vs ANY', NA, ANY, 'SUBSET'],
    ['NA vs NA', NA, NA, 'EQUAL'],
    ['NA vs string', NA, v('1\\.0'), 'DISJOINT'],
    ['string vs ANY', v('1\\.0'), ANY, 'SUBSET'],
    ['string vs NA', v('1\\.0'), NA, 'DISJOINT'],
    ['equal strings, any case', v('Microsoft'), v('microsoft'), 'EQUAL'],
    ['different strings', v('1\\.0'), v('1\\.1'), 'DISJOINT'],
    ['trailing * matches a longer value', v('8\\.*'), v('8\\.0\\.6001'), 'SUPERSET'],
    ['trailing * matches nothing more', v('8\\.*'), v('8\\.'), 'SUPERSET'],
    ['trailing * needs the prefix', v('8\\.*'), v('9\\.0'), 'DISJOINT'],
    ['leading * matches a suffix', v('*sp1'), v('winsp1'), 'SUPERSET'],
    ['? matches one character', v('sp?'), v('sp1'), 'SUPERSET'],
    ['? does not match two', v('sp?'), v('sp12'), 'DISJOINT'],
    ['?? at the end matches up to two', v('sp??'), v('sp1'), 'SUPERSET'],
    ['leading ? matches one', v('?ista'), v('vista'), 'SUPERSET'],
    ['quoted * is literal', v('a\\*'), v('ab'), 'DISJOINT'],
    ['wildcard in the target is undefined', v('8\\.0'), v('8\\.*'), 'UNDEFINED'],
    ['wildcard target vs ANY is undefined', ANY, v('sp?'), 'UNDEFINED'],
    ['wildcard source vs NA', v('sp?'), NA, 'DISJOINT'],
  ];
  it.each(cases)('%s', (_label, source, target, expected) => {
    expect(compareCpeValues(source, target)).toBe(expected);
  });
});

describe('compareCpe (NIST IR 7696 name comparison)', () => {
  it('an advisory CPE with ANY version is a superset of an installed one', () => {
    const r = compareCpe('cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*');
    expect(r.relation).toBe('CPE_SUPERSET');
    expect(r.matches).toBe(true);
    expect(r.attributes.version).toBe('SUPERSET');
    expect(r.attributes.vendor).toBe('EQUAL');
    expect(r.explanation).toContain('version ANY ⊇ 1.0.2k');
    expect(r.explanation).toContain('lower confidence');
  });

  it('identical names are CPE_EQUAL', () => {
    const r = compareCpe('cpe:/a:zlib:zlib:1.2.11', 'cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*');
    expect(r.relation).toBe('CPE_EQUAL');
    expect(r.matches).toBe(true);
  });

  it('a more specific source is CPE_SUBSET and does not match', () => {
    const r = compareCpe('cpe:2.3:a:haxx:curl:7.88.0:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*');
    expect(r.relation).toBe('CPE_SUBSET');
    expect(r.matches).toBe(false);
  });

  it('a different product is CPE_DISJOINT and names the deciding attribute', () => {
    const r = compareCpe('cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:libcurl:7.0:*:*:*:*:*:*:*');
    expect(r.relation).toBe('CPE_DISJOINT');
    expect(r.attributes.product).toBe('DISJOINT');
    expect(r.explanation).toContain('Decided by: product');
  });

  it('NA against a value is disjoint (e.g. update "-" vs "sp1")', () => {
    expect(compareCpe('cpe:2.3:o:microsoft:windows_xp:-:-:*:*:*:*:*:*', 'cpe:2.3:o:microsoft:windows_xp:-:sp1:*:*:*:*:*:*').relation).toBe('CPE_DISJOINT');
  });

  it('broader on one attribute and narrower on another is CPE_UNDEFINED', () => {
    const r = compareCpe('cpe:2.3:a:x:y:1.0:*:*:*:*:*:*:*', 'cpe:2.3:a:x:y:*:beta:*:*:*:*:*:*');
    expect(r.attributes.version).toBe('SUBSET');
    expect(r.attributes.update).toBe('SUPERSET');
    expect(r.relation).toBe('CPE_UNDEFINED');
    expect(r.matches).toBe(false);
  });

  it('wildcards in the source match (IR 7696 example: 8.* and sp?)', () => {
    const r = compareCpe('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*');
    expect(r.relation).toBe('CPE_SUPERSET');
  });

  it('shows values unquoted in text', () => {
    expect(cpeValueText(v('1\\.0\\-rc1'))).toBe('1.0-rc1');
  });
});
