import { describe, expect, it } from 'vitest';
import { explainMatch, matchComponent } from './match.ts';
import { advisory, component, eco, pkg, range } from './fixtures.test-support.ts';
import type { Advisory } from '../advisories/advisory.ts';
import type { MatchResult } from './types.ts';

interface Row {
  readonly name: string;
  readonly purl: string;
  readonly version?: string | null;
  readonly advisory: Advisory;
  /** Expected status, or null for no result. */
  readonly expect: 'affected' | 'indeterminate' | null;
  /** Text the reason must contain. */
  readonly reason?: string;
  readonly scheme?: string;
}

const lodash = advisory('GHSA-lodash', { affected: [pkg('npm', 'lodash', [range('SEMVER', [{ introduced: '0' }, { fixed: '4.17.21' }])])] });
const babel = advisory('GHSA-babel', { affected: [eco('npm', '@babel/traverse', { introduced: '0' }, { fixed: '7.23.2' })] });
const django = advisory('PYSEC-django', { affected: [eco('PyPI', 'Django', { introduced: '3.2' }, { fixed: '3.2.19' }, { introduced: '4.0' }, { fixed: '4.1.9' })] });
const log4j = advisory('GHSA-jfh8-c2jp-5v3q', {
  affected: [eco('Maven', 'org.apache.logging.log4j:log4j-core', { introduced: '2.0-beta9' }, { fixed: '2.3.1' }, { introduced: '2.4' }, { fixed: '2.12.2' }, { introduced: '2.13.0' }, { fixed: '2.15.0' })],
});
const xnet = advisory('GO-2023-2102', { affected: [pkg('Go', 'golang.org/x/net', [range('SEMVER', [{ introduced: '0' }, { fixed: '0.17.0' }])])] });
const newtonsoft = advisory('GHSA-5crp-9r3c-p9vr', { affected: [eco('NuGet', 'Newtonsoft.Json', { introduced: '0' }, { fixed: '13.0.1' })] });
const nokogiri = advisory('GHSA-nokogiri', { affected: [eco('RubyGems', 'nokogiri', { introduced: '0' }, { fixed: '1.13.10' })] });
const time = advisory('RUSTSEC-2020-0071', { affected: [eco('crates.io', 'time', { introduced: '0.0.0-0' }, { fixed: '0.2.23' })] });
const symfony = advisory('GHSA-symfony', { affected: [eco('Packagist', 'symfony/http-kernel', { introduced: '5.0.0' }, { fixed: '5.4.20' })] });
const debOpenssl = advisory('DSA-openssl-12', { affected: [eco('Debian:12', 'openssl', { introduced: '0' }, { fixed: '3.0.11-1~deb12u1' })] });
const debEpoch = advisory('DSA-epoch', { affected: [eco('Debian:12', 'shadow', { introduced: '0' }, { fixed: '1:4.13+dfsg1-2' })] });
const debAnyRelease = advisory('DEBIAN-CVE-any', { affected: [eco('Debian', 'curl', { introduced: '0' }, { fixed: '7.88.1-10' })] });
const rocky = advisory('RLSA-2024:0001', { affected: [eco('Rocky Linux:9', 'openssl', { introduced: '0' }, { fixed: '1:3.0.7-25.el9_3' })] });
const alpine = advisory('ALPINE-openssl', { affected: [eco('Alpine:v3.18', 'openssl', { introduced: '0' }, { fixed: '3.1.4-r0' })] });
const listed = advisory('PYSEC-listed', { affected: [pkg('PyPI', 'listed', [], { versions: ['1.0', '1.1'] })] });
const lastAffected = advisory('GHSA-last', { affected: [pkg('npm', 'left-pad', [range('SEMVER', [{ introduced: '1.0.0' }, { last_affected: '1.4.2' }])])] });
const gitOnly = advisory('OSV-git', { affected: [pkg('PyPI', 'gitlib', [range('GIT', [{ introduced: 'abc123' }, { fixed: 'def456' }], 'https://example.org/gitlib.git')])] });
const gitListed = advisory('OSV-git-listed', { affected: [pkg('PyPI', 'gitlib', [range('GIT', [{ introduced: 'abc123' }, { fixed: 'def456' }], 'https://example.org/gitlib.git')], { versions: ['2.0', '2.1'] })] });

const ROWS: readonly Row[] = [
  // npm
  { name: 'npm SEMVER below the fix', purl: 'pkg:npm/lodash@4.17.20', advisory: lodash, expect: 'affected', reason: '4.17.20 introduced 0 (every earlier version) and < fixed 4.17.21 (semver scheme, SEMVER range of npm/lodash)', scheme: 'semver' },
  { name: 'npm at the fix', purl: 'pkg:npm/lodash@4.17.21', advisory: lodash, expect: null },
  { name: 'npm scoped package', purl: 'pkg:npm/%40babel/traverse@7.22.0', advisory: babel, expect: 'affected', scheme: 'npm' },
  { name: 'npm scoped package, fixed', purl: 'pkg:npm/%40babel/traverse@7.23.2', advisory: babel, expect: null },
  // PyPI (name normalised: Django → django), two introduced/fixed pairs
  { name: 'PyPI first interval', purl: 'pkg:pypi/django@3.2.18', advisory: django, expect: 'affected', reason: '≥ introduced 3.2 and < fixed 3.2.19', scheme: 'pypi' },
  { name: 'PyPI between intervals', purl: 'pkg:pypi/django@3.2.19', advisory: django, expect: null },
  { name: 'PyPI second interval', purl: 'pkg:pypi/Django@4.1.0', advisory: django, expect: 'affected', reason: '≥ introduced 4.0 and < fixed 4.1.9' },
  { name: 'PyPI prerelease of the fix is still affected', purl: 'pkg:pypi/django@4.1.9rc1', advisory: django, expect: 'affected' },
  // Maven, three pairs
  { name: 'Maven log4j-core 2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', advisory: log4j, expect: 'affected', reason: '2.14.1 ≥ introduced 2.13.0 and < fixed 2.15.0 (maven scheme', scheme: 'maven' },
  { name: 'Maven 2.12.2 is a fix', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.12.2', advisory: log4j, expect: null },
  { name: 'Maven 2.12.1 in the second pair', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1', advisory: log4j, expect: 'affected', reason: '≥ introduced 2.4 and < fixed 2.12.2' },
  { name: 'Maven beta in the first pair', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta9', advisory: log4j, expect: 'affected' },
  { name: 'Maven other artifact of the group', purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1', advisory: log4j, expect: null },
  { name: 'Maven 2.15.0', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0', advisory: log4j, expect: null },
  // Go (purl versions carry a v, OSV versions do not)
  { name: 'Go module', purl: 'pkg:golang/golang.org/x/net@v0.7.0', advisory: xnet, expect: 'affected' },
  { name: 'Go module fixed', purl: 'pkg:golang/golang.org/x/net@v0.17.0', advisory: xnet, expect: null },
  // NuGet, RubyGems, Cargo, Composer
  { name: 'NuGet', purl: 'pkg:nuget/Newtonsoft.Json@12.0.3', advisory: newtonsoft, expect: 'affected', scheme: 'nuget' },
  { name: 'NuGet fixed', purl: 'pkg:nuget/Newtonsoft.Json@13.0.1', advisory: newtonsoft, expect: null },
  { name: 'RubyGems', purl: 'pkg:gem/nokogiri@1.13.9', advisory: nokogiri, expect: 'affected', scheme: 'gem' },
  { name: 'RubyGems prerelease of the fix', purl: 'pkg:gem/nokogiri@1.13.10.rc1', advisory: nokogiri, expect: 'affected' },
  { name: 'RubyGems fixed', purl: 'pkg:gem/nokogiri@1.13.10', advisory: nokogiri, expect: null },
  { name: 'Cargo', purl: 'pkg:cargo/time@0.1.43', advisory: time, expect: 'affected', scheme: 'cargo' },
  { name: 'Cargo fixed', purl: 'pkg:cargo/time@0.2.23', advisory: time, expect: null },
  { name: 'Composer', purl: 'pkg:composer/symfony/http-kernel@5.4.19', advisory: symfony, expect: 'affected', scheme: 'composer' },
  { name: 'Composer before introduced', purl: 'pkg:composer/symfony/http-kernel@4.4.50', advisory: symfony, expect: null },
  // Debian: release by distro qualifier (number or codename), epochs
  { name: 'Debian 12 by number', purl: 'pkg:deb/debian/openssl@3.0.9-1?distro=debian-12', advisory: debOpenssl, expect: 'affected', reason: '< fixed 3.0.11-1~deb12u1 (deb scheme', scheme: 'deb' },
  { name: 'Debian 12 by codename', purl: 'pkg:deb/debian/openssl@3.0.9-1?distro=bookworm', advisory: debOpenssl, expect: 'affected' },
  { name: 'Debian 12 fixed backport', purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u1?distro=debian-12', advisory: debOpenssl, expect: null },
  { name: 'Debian 11 component, Debian 12 advisory', purl: 'pkg:deb/debian/openssl@1.1.1n-0?distro=debian-11', advisory: debOpenssl, expect: null },
  { name: 'Debian without distro, release-specific advisory', purl: 'pkg:deb/debian/openssl@3.0.9-1', advisory: debOpenssl, expect: 'indeterminate', reason: 'no distro qualifier' },
  { name: 'Debian epoch 0 < epoch 1', purl: 'pkg:deb/debian/shadow@4.13%2Bdfsg1-3?distro=debian-12', advisory: debEpoch, expect: 'affected' },
  { name: 'Debian epoch 1 at the fix', purl: 'pkg:deb/debian/shadow@1:4.13%2Bdfsg1-2?distro=debian-12', advisory: debEpoch, expect: null },
  { name: 'Debian advisory for every release', purl: 'pkg:deb/debian/curl@7.74.0-1.3?distro=debian-11', advisory: debAnyRelease, expect: 'affected' },
  { name: 'Debian binary package with upstream= source', purl: 'pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12&upstream=openssl', advisory: debOpenssl, expect: 'affected', reason: "source package 'openssl' from the upstream= qualifier" },
  { name: 'Debian binary package with source@version', purl: 'pkg:deb/debian/libssl3@3.0.9-1%2Bb1?distro=debian-12&upstream=openssl%403.0.11-1~deb12u1', advisory: debOpenssl, expect: null },
  { name: 'Debian binary package without source qualifier', purl: 'pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12', advisory: debOpenssl, expect: null },
  { name: 'Ubuntu package, Debian advisory', purl: 'pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1?distro=ubuntu-22.04', advisory: debOpenssl, expect: null },
  // RPM: epoch from the qualifier, source rpm
  { name: 'RPM epoch qualifier, below the fix', purl: 'pkg:rpm/rocky/openssl@3.0.7-24.el9?epoch=1&distro=rocky-9.3', advisory: rocky, expect: 'affected', scheme: 'rpm' },
  { name: 'RPM epoch 2 sorts after epoch 1', purl: 'pkg:rpm/rocky/openssl@3.0.7-24.el9?epoch=2&distro=rocky-9.3', advisory: rocky, expect: null },
  { name: 'RPM without epoch (0) is before 1:', purl: 'pkg:rpm/rocky/openssl@3.0.7-30.el9?distro=rocky-9.3', advisory: rocky, expect: 'affected' },
  { name: 'RPM at the fix', purl: 'pkg:rpm/rocky/openssl@3.0.7-25.el9_3?epoch=1&distro=rocky-9.3', advisory: rocky, expect: null },
  { name: 'RPM binary with source rpm', purl: 'pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?epoch=1&distro=rocky-9.3&upstream=openssl-3.0.7-24.el9.src.rpm', advisory: rocky, expect: 'affected' },
  { name: 'RPM other release', purl: 'pkg:rpm/rocky/openssl@3.0.1-1.el8?epoch=1&distro=rocky-8.9', advisory: rocky, expect: null },
  // Alpine
  { name: 'Alpine 3.18', purl: 'pkg:apk/alpine/openssl@3.1.1-r0?distro=3.18.4', advisory: alpine, expect: 'affected', scheme: 'apk' },
  { name: 'Alpine 3.18 fixed', purl: 'pkg:apk/alpine/openssl@3.1.4-r0?distro=3.18.4', advisory: alpine, expect: null },
  { name: 'Alpine 3.19', purl: 'pkg:apk/alpine/openssl@3.1.1-r0?distro=3.19.0', advisory: alpine, expect: null },
  // OSV versions list, last_affected, GIT
  { name: 'versions list, exact', purl: 'pkg:pypi/listed@1.1', advisory: listed, expect: 'affected', reason: '1.1 is listed in the affected versions' },
  { name: 'versions list, equal under the scheme', purl: 'pkg:pypi/listed@1.0.0', advisory: listed, expect: 'affected', reason: '(as 1.0)' },
  { name: 'versions list, not listed', purl: 'pkg:pypi/listed@1.2', advisory: listed, expect: null },
  { name: 'last_affected included', purl: 'pkg:npm/left-pad@1.4.2', advisory: lastAffected, expect: 'affected', reason: '≤ last affected 1.4.2' },
  { name: 'last_affected exceeded', purl: 'pkg:npm/left-pad@1.4.3', advisory: lastAffected, expect: null },
  { name: 'GIT-only range', purl: 'pkg:pypi/gitlib@2.0', advisory: gitOnly, expect: 'indeterminate', reason: 'names commits' },
  { name: 'GIT range with a versions list: listed', purl: 'pkg:pypi/gitlib@2.1', advisory: gitListed, expect: 'affected' },
  { name: 'GIT range with a versions list: not listed', purl: 'pkg:pypi/gitlib@3.0', advisory: gitListed, expect: null },
  // indeterminate versions
  { name: 'version that does not parse', purl: 'pkg:npm/lodash@not-a-version', advisory: lodash, expect: 'indeterminate', reason: "'not-a-version' is not a valid semver version" },
  { name: 'no version at all', purl: 'pkg:npm/lodash', version: null, advisory: lodash, expect: 'indeterminate', reason: 'has no version' },
  { name: 'version only in the component field', purl: 'pkg:npm/lodash', version: '4.17.15', advisory: lodash, expect: 'affected' },
];

function run(row: Row): MatchResult[] {
  return matchComponent(component('c', { purl: row.purl, version: row.version === undefined ? null : row.version }), [row.advisory]);
}

describe('purl route, table', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const results = run(row);
    if (row.expect === null) {
      expect(results).toEqual([]);
      const why = explainMatch(component('c', { purl: row.purl }), row.advisory);
      expect(why.status).toBe('not-affected');
      expect(why.reasons.length).toBeGreaterThan(0);
      return;
    }
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.status).toBe(row.expect);
    expect(r.method).toBe('purl');
    expect(r.confidence).toBe('high');
    expect(r.advisory).toEqual({ source: 'osv', id: row.advisory.id });
    expect(r.evidence.criterion.kind).toBe('package');
    if (row.reason) expect(r.evidence.reason).toContain(row.reason);
    if (row.scheme) expect(r.evidence.scheme).toEqual({ id: row.scheme, origin: 'declared' });
  });
});

describe('purl route, evidence', () => {
  it('names the identifier, criterion, range as written and as vers, and fixed versions', () => {
    const [r] = matchComponent(component('log4j', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }), [log4j]);
    expect(r!.evidence).toEqual({
      identifier: { kind: 'purl', value: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', derived: false },
      criterion: { kind: 'package', index: 0, purl: null, ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', key: 'pkg:maven/org.apache.logging.log4j/log4j-core' },
      version: '2.14.1',
      scheme: { id: 'maven', origin: 'declared' },
      range: {
        text: 'ECOSYSTEM: introduced 2.0-beta9, fixed 2.3.1, introduced 2.4, fixed 2.12.2, introduced 2.13.0, fixed 2.15.0',
        vers: 'vers:maven/>=2.0-beta9|<2.3.1|>=2.4|<2.12.2|>=2.13.0|<2.15.0',
      },
      reason: '2.14.1 ≥ introduced 2.13.0 and < fixed 2.15.0 (maven scheme, ECOSYSTEM range of Maven/org.apache.logging.log4j:log4j-core)',
      conditions: [],
      fixedVersions: ['2.3.1', '2.12.2', '2.15.0'],
    });
  });

  it('uses the source package identity and says so', () => {
    const [r] = matchComponent(component('libssl3', { purl: 'pkg:deb/debian/libssl3@3.0.9-1?arch=amd64&distro=debian-12&upstream=openssl' }), [debOpenssl]);
    expect(r!.evidence.identifier).toMatchObject({ kind: 'purl', value: 'pkg:deb/debian/openssl@3.0.9-1?arch=amd64&distro=debian-12&upstream=openssl', derived: true });
    expect(r!.evidence.identifier.note).toContain("source package 'openssl'");
  });

  it('explains a release mismatch in the "why not?" view', () => {
    const why = explainMatch(component('c', { purl: 'pkg:deb/debian/openssl@1.1.1n-0?distro=debian-11' }), debOpenssl);
    expect(why.status).toBe('not-affected');
    expect(why.reasons.join('\n')).toContain('names release 12 of Debian');
  });

  it('explains a key mismatch', () => {
    const why = explainMatch(component('c', { purl: 'pkg:npm/underscore@1.0.0' }), lodash);
    expect(why.reasons[0]).toContain('no affected package has the key pkg:npm/underscore');
  });

  it('withdrawn advisories never match, and say why', () => {
    const withdrawn = { ...lodash, id: 'GHSA-withdrawn', withdrawn: '2024-02-01T00:00:00Z' };
    const c = component('c', { purl: 'pkg:npm/lodash@4.17.20' });
    expect(matchComponent(c, [withdrawn])).toEqual([]);
    expect(explainMatch(c, withdrawn).reasons[0]).toContain('withdrawn on 2024-02-01T00:00:00Z');
  });

  it('an advisory entry named by purl only uses the purl type and distro', () => {
    const a = advisory('CSAF-purl-entry', { affected: [pkg(null, 'openssl', [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u1' }])], { purl: 'pkg:deb/debian/openssl?distro=debian-12' })] });
    expect(matchComponent(component('c', { purl: 'pkg:deb/debian/openssl@3.0.9-1?distro=bookworm' }), [a])[0]).toMatchObject({ status: 'affected', evidence: { scheme: { id: 'deb' } } });
    expect(matchComponent(component('c', { purl: 'pkg:deb/debian/openssl@3.0.9-1?distro=debian-11' }), [a])).toEqual([]);
  });

  it('returns results in advisory order, one per advisory', () => {
    const c = component('c', { purl: 'pkg:npm/lodash@4.17.20' });
    const other = advisory('GHSA-lodash-2', { affected: [pkg('npm', 'lodash', [range('SEMVER', [{ introduced: '4.0.0' }, { fixed: '4.17.19' }])]), pkg('npm', 'lodash', [range('SEMVER', [{ introduced: '4.17.0' }])])] });
    expect(matchComponent(c, [other, babel, lodash]).map((r) => r.advisory.id)).toEqual(['GHSA-lodash-2', 'GHSA-lodash']);
  });
});

describe('purl route, Red Hat releases', () => {
  const rhel = advisory('RHSA-2023:0001', { affected: [eco('Red Hat:enterprise_linux:8::baseos', 'openssl', { introduced: '0' }, { fixed: '1:1.1.1k-9.el8_7' })] });
  it('reads the major release from the distro qualifier against the Red Hat CPE-like suffix', () => {
    const c = (distro: string) => component('o', { purl: `pkg:rpm/redhat/openssl-libs@1.1.1g-15.el8_3?epoch=1&distro=${distro}&upstream=openssl` });
    expect(matchComponent(c('rhel-8.3'), [rhel])[0]).toMatchObject({ status: 'affected', evidence: { version: '1:1.1.1g-15.el8_3' } });
    expect(matchComponent(c('rhel-9.2'), [rhel])).toEqual([]);
    expect(matchComponent(component('o', { purl: 'pkg:rpm/redhat/openssl@1.1.1g-15.el8_3?epoch=1' }), [rhel])[0]).toMatchObject({ status: 'indeterminate' });
  });
});
