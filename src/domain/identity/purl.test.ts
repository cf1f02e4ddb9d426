import { describe, expect, it } from 'vitest';
import { VigilError } from '../errors.ts';
import { buildPurl, formatPurl, isValidPurl, normalizePurl, packageKey, parsePurl } from './purl.ts';

function errorOf(fn: () => unknown): VigilError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VigilError) return err;
    throw err;
  }
  throw new Error('expected a VigilError');
}

describe('parsePurl', () => {
  it('decodes every component', () => {
    expect(parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar#META-INF')).toEqual({
      type: 'maven',
      namespace: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.14.1',
      qualifiers: { type: 'jar' },
      subpath: 'META-INF',
    });
  });

  it('keeps a literal + in a qualifier value (the WHATWG URL parser would make it a space)', () => {
    expect(parsePurl('pkg:generic/x?vcs_url=git+https://host/repo').qualifiers).toEqual({ vcs_url: 'git+https://host/repo' });
  });

  it('applies type rules: pypi lowercase and _ to -, npm lowercase, nuget case kept', () => {
    expect(normalizePurl('pkg:PyPI/Django_Rest@3.0')).toBe('pkg:pypi/django-rest@3.0');
    expect(normalizePurl('pkg:npm/%40Angular/Core@1.0.0')).toBe('pkg:npm/%40angular/core@1.0.0');
    expect(normalizePurl('pkg:nuget/Newtonsoft.Json@13.0.1')).toBe('pkg:nuget/Newtonsoft.Json@13.0.1');
  });

  it('sorts qualifiers, lowercases keys and drops empty values', () => {
    expect(normalizePurl('pkg:deb/debian/curl@7.0?Distro=bookworm&arch=amd64&empty=')).toBe('pkg:deb/debian/curl@7.0?arch=amd64&distro=bookworm');
  });

  it('accepts golang versions that are not strict semver (packageurl-js would reject v1.2)', () => {
    expect(parsePurl('pkg:golang/github.com/a/b@v1.2').version).toBe('v1.2');
  });

  it.each([
    ['npm/foo@1', "the 'pkg:' scheme is required"],
    ['pkg:maven/io@1', 'maven requires a "namespace" component'],
    ['pkg:pypi/ns/django@1', "type 'pypi' must not have a namespace"],
    ['pkg:npm/foo@1?a=1&A=2', "qualifier 'a' appears more than once"],
    ['pkg:npm/foo@1?1a=x', 'must not start with a number'],
    ['pkg:npm/foo@%zz', 'malformed percent-encoding'],
    ['pkg:cpan/Perl-Version@1.0', "cpan module name 'Perl-Version'"],
    ['pkg:npm/@1.0.0', 'the name is required'],
  ])('rejects %s with PURL_INVALID naming the problem', (input, reason) => {
    const err = errorOf(() => parsePurl(input));
    expect(err.code).toBe('PURL_INVALID');
    expect(err.message).toContain(reason);
    expect(isValidPurl(input)).toBe(false);
  });
});

describe('buildPurl / formatPurl', () => {
  it('percent-encodes everything but unreserved characters and ":"', () => {
    expect(formatPurl(buildPurl({ type: 'generic', name: 'a b', version: '1.0+x', qualifiers: { url: 'https://h/p?q' } }))).toBe(
      'pkg:generic/a%20b@1.0%2Bx?url=https:%2F%2Fh%2Fp%3Fq',
    );
  });

  it('rejects a name that cannot be encoded (lone surrogate) with PURL_INVALID', () => {
    expect(errorOf(() => formatPurl(buildPurl({ type: 'generic', name: 'a\uD800' }))).code).toBe('PURL_INVALID');
  });

  it('drops . and .. subpath segments when building', () => {
    expect(formatPurl(buildPurl({ type: 'github', namespace: 'o', name: 'r', subpath: '/a/./b/../c/' }))).toBe('pkg:github/o/r#a/b/c');
  });
});

describe('packageKey', () => {
  it('identifies a package regardless of version, qualifiers, subpath and spelling', () => {
    expect(packageKey('pkg:PYPI/Django_Package@1.0?x=1#a')).toBe('pkg:pypi/django-package');
    expect(packageKey(parsePurl('pkg:pypi/django-package@2.0'))).toBe(packageKey('pkg:pypi/Django_Package'));
    expect(packageKey('pkg:maven/g/a@1')).not.toBe(packageKey('pkg:maven/g/b@1'));
  });
});

describe('round trip (property)', () => {
  it('formatting is stable: parse(format(build(c))) formats to the same string', async () => {
    const fc = await import('fast-check');
    const text = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
    const key = fc.stringMatching(/^[a-z_.-][a-z0-9_.-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('generic', 'npm', 'maven', 'pypi', 'github', 'deb', 'nuget', 'golang'),
        fc.array(text.filter((s) => !s.includes('/')), { minLength: 1, maxLength: 3 }),
        text,
        fc.option(text, { nil: null }),
        fc.dictionary(key, text, { maxKeys: 3 }),
        fc.option(fc.array(text.filter((s) => !s.includes('/') && s !== '.' && s !== '..'), { minLength: 1, maxLength: 3 }), { nil: null }),
        (type, ns, name, version, qualifiers, subpath) => {
          const namespace = type === 'pypi' || type === 'nuget' ? null : ns.join('/');
          const built = buildPurl({ type, namespace, name, version, qualifiers, subpath: subpath?.join('/') ?? null });
          const canonical = formatPurl(built);
          const reparsed = parsePurl(canonical);
          expect(formatPurl(reparsed)).toBe(canonical);
          expect(reparsed.name).toBe(built.name);
          expect(reparsed.version).toBe(built.version);
          expect(reparsed.qualifiers).toEqual(built.qualifiers);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});
