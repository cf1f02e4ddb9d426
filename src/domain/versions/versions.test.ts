import { describe, expect, it } from 'vitest';
import { compareVersions, getScheme, hasScheme, listSchemes, VersionParseError } from './index.ts';
import type { SchemeId } from './scheme.ts';
import { parseGo } from './golang.version.ts';
import { parseApk } from './apk.version.ts';
import { parsePypi } from './pypi.version.ts';
import { rpmvercmp } from './rpmvercmp.ts';

const cmp = (id: SchemeId, a: string, b: string): number => compareVersions(getScheme(id), a, b);

describe('version scheme registry', () => {
  it('lists every scheme once, sorted, and looks each up by id', () => {
    const ids = listSchemes().map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(24);
    for (const id of ids) expect(getScheme(id).id).toBe(id);
  });
  it('has no fallback for unknown schemes', () => {
    expect(hasScheme('cocoapods')).toBe(false);
    expect(() => getScheme('cocoapods' as SchemeId)).toThrow(/no version scheme/);
  });
  it('marks only the generic scheme as generic', () => {
    expect(listSchemes().filter((s) => s.generic).map((s) => s.id)).toEqual(['generic']);
  });
  it('compareVersions throws VersionParseError naming the version, scheme and reason', () => {
    try {
      cmp('semver', '1.0.0', 'one');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(VersionParseError);
      const e = err as VersionParseError;
      expect([e.code, e.scheme, e.version]).toEqual(['VERSION_INVALID', 'semver', 'one']);
      expect(e.reason).toMatch(/major/);
    }
  });
});

describe('orderings per scheme', () => {
  it.each<[SchemeId, string, string, -1 | 0 | 1]>([
    ['semver', '1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['semver', '1.0.0-beta.11', '1.0.0-rc.1', -1],
    ['semver', '1.0.0+a', '1.0.0+b', 0],
    ['semver', '99999999999999999999.0.0', '99999999999999999998.0.0', 1],
    ['npm', '1.2.3-r100', '1.2.3-r2', -1],
    ['cargo', '1.0.0-alpha.1', '1.0.0', -1],
    ['hex', '1.0.0-rc.1', '1.0.0-rc.0', 1],
    ['pub', '1.0.0', '1.0.0+1', -1],
    ['golang', 'v1.2.3', 'v1.2.3+incompatible', 0],
    ['golang', 'v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3', 1],
    ['golang', 'v1', 'v1.0.0', 0],
    ['nuget', '1.0.0.1', '1.0.0', 1],
    ['nuget', '1.0.0-RC.1', '1.0.0-rc.1', 0],
    ['pypi', '1.0.dev0', '1.0a0', -1],
    ['pypi', '1.0.post1', '1.0', 1],
    ['pypi', '1!0.1', '2.0', 1],
    ['pypi', '1.0+local.1', '1.0+local.a', 1],
    ['maven', '1.0-alpha-1', '1.0', -1],
    ['maven', '1.0-SNAPSHOT', '1.0-rc1', 1],
    ['maven', '1.0.Final', '1.0', 0],
    ['maven', '1.0-sp1', '1.0', 1],
    ['gem', '1.0.a10', '1.0.a9', 1],
    ['gem', '1.0.0.pre', '1.0.0', -1],
    ['composer', '1.0-dev', '1.0a1', -1],
    ['composer', '1.0', '1.0pl1', -1],
    ['cran', '0.1.0', '0.1.0.0', -1],
    ['hackage', '1.0', '1', 1],
    ['deb', '1:0.5', '2.0', 1],
    ['deb', '1.0~rc1', '1.0', -1],
    ['deb', '1.0~~', '1.0~', -1],
    ['deb', '1.0-1', '1.0-1+b1', -1],
    ['deb', '0.0.0', '0.0.0-0', 0],
    ['rpm', '1.0~rc1', '1.0', -1],
    ['rpm', '1.0^git1', '1.0', 1],
    ['rpm', '1.0^git1', '1.01', -1],
    ['rpm', '1:1.0', '2.0', 1],
    ['rpm', '1.0-1.el7', '1.0-1.el8', -1],
    ['apk', '1.2_rc1', '1.2', -1],
    ['apk', '1.2_p1', '1.2', 1],
    ['apk', '1.2-r1', '1.2-r0', 1],
    ['alpm', '1.0rc', '1.0', -1],
    ['alpm', '1:1.0', '2.0', 1],
    ['alpm', '1.5-1', '1.5', 0],
    ['conan', '1.1-alpha.1', '1.1', -1],
    ['conan', '1.0.0', '1', 0],
    ['datetime', '2024-01-01T00:00:00Z', '2023-12-31T19:00:00-05:00', 0],
    ['datetime', '2024-01-01T00:00:00.09Z', '2024-01-01T00:00:00.1Z', -1],
    ['gentoo', '1.0_rc1', '1.0', -1],
    ['gentoo', '1.0_p1', '1.0', 1],
    ['gentoo', '1.01', '1.1', -1],
    ['openssl', '1.1.1z', '1.1.1za', -1],
    ['openssl', '1.1.1w', '3.0.0', -1],
    ['lexicographic', 'Z', 'a', -1],
    ['lexicographic', '\uffff', '\u{1F600}', -1],
    ['nginx', '1.5', '1.5.0', 0],
    ['nginx', '1.25.3', '1.3.25', 1],
    ['generic', '1.10', '1.9', 1],
    ['generic', '1.0rc1', '1.0', -1],
  ])('%s: %s vs %s → %i', (id, a, b, want) => {
    expect(cmp(id, a, b)).toBe(want);
    expect(cmp(id, b, a)).toBe(want === 0 ? 0 : -want);
  });
});

describe('invalid versions give a reason and never throw from parse', () => {
  it.each<[SchemeId, string, RegExp]>([
    ['semver', '1.2.3.beta', /part 4 of the version must be a number/],
    ['npm', '1.2', /Invalid Version/],
    ['cargo', '01.2.3', /leading zero/],
    ['golang', '1.2.3', /start with 'v'/],
    ['golang', 'v1.2.3+build', /incompatible/],
    ['nuget', '1.2.3.4.5', /more than four/],
    ['deb', 'abc', /start with a digit/],
    ['deb', '1.0-', /revision is empty/],
    ['deb', 'x:1.0', /epoch/],
    ['gem', 'beta', /start with a digit/],
    ['cran', '1', /at least two/],
    ['hackage', '1.0-tag', /numbers/],
    ['gentoo', '1.0-beta', /PMS/],
    ['openssl', 'v3', /letter release/],
    ['datetime', '2024-02-30T00:00:00Z', /day 30/],
    ['datetime', '2024-01-01', /RFC 3339/],
    ['rpm', '1.0 beta', /whitespace/],
    ['pypi', '', /empty/],
  ])('%s rejects %j', (id, text, reason) => {
    const r = getScheme(id).parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it('no scheme throws on hostile input', () => {
    for (const s of listSchemes()) for (const text of ['', ' ', '\u0000', 'x'.repeat(5000), '::', '--', '++', '~^']) expect(() => s.parse(text)).not.toThrow();
  });
});

describe('scheme details', () => {
  it('golang recognises pseudo-versions and +incompatible', () => {
    const p = parseGo('v0.0.0-20191109021931-daa7c04131f5');
    expect(p.ok && p.value.pseudo).toBe(true);
    const q = parseGo('v2.0.0+incompatible');
    expect(q.ok && q.value.incompatible && !q.value.pseudo).toBe(true);
    expect(q.ok && getScheme('golang').format!(q.value)).toBe('v2.0.0+incompatible');
  });
  it('apk accepts but flags malformed versions', () => {
    const r = parseApk('1.2.0A');
    expect(r.ok && r.value.malformed).toMatch(/unexpected/);
    const ok = parseApk('1.2.3_rc1-r2');
    expect(ok.ok && ok.value.malformed).toBeUndefined();
  });
  it('pypi marks legacy (non PEP 440) versions, which sort before PEP 440 ones', () => {
    const r = parsePypi('0.1-bulbasaur');
    expect(r.ok && r.value.legacy).toBe(true);
    expect(cmp('pypi', '0.9-doduo', '0.0.1')).toBe(-1);
  });
  it('rpmvercmp follows rpm for separators and letters', () => {
    expect(rpmvercmp('1.0', '1_0')).toBe(0);
    expect(rpmvercmp('2.0.1a', '2.0.1')).toBe(1);
    expect(rpmvercmp('10xyz', '10.1xyz')).toBe(-1);
  });
});
