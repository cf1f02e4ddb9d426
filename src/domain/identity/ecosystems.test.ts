import { describe, expect, it } from 'vitest';
import {
  ECOSYSTEMS,
  knownCpeForPurl,
  osvEcosystemForPurl,
  osvPackageName,
  purlForOsvEcosystem,
  purlTypeForOsvEcosystem,
  schemeForPurlType,
  versSchemeForPurlType,
} from './ecosystems.ts';
import { parsePurl } from './purl.ts';

describe('schemeForPurlType', () => {
  it.each([
    ['npm', 'npm'],
    ['pypi', 'pypi'],
    ['maven', 'maven'],
    ['golang', 'golang'],
    ['nuget', 'nuget'],
    ['gem', 'gem'],
    ['cargo', 'cargo'],
    ['composer', 'composer'],
    ['pub', 'pub'],
    ['hex', 'hex'],
    ['cran', 'cran'],
    ['deb', 'deb'],
    ['rpm', 'rpm'],
    ['apk', 'apk'],
    ['hackage', 'hackage'],
    ['conan', 'conan'],
    ['github', 'generic'],
    ['generic', 'generic'],
    ['NPM', 'npm'],
  ])('%s → %s', (type, scheme) => {
    expect(schemeForPurlType(type, null)).toBe(scheme);
  });

  it('is undefined for an unmapped type', () => {
    expect(schemeForPurlType('cocoapods')).toBeUndefined();
  });

  it('names the vers scheme', () => {
    expect(versSchemeForPurlType('apk')).toBe('apk');
    expect(versSchemeForPurlType('pypi')).toBe('pypi');
  });

  it('has one row per purl type', () => {
    expect(new Set(ECOSYSTEMS.map((e) => e.purlType)).size).toBe(ECOSYSTEMS.length);
  });
});

describe('osvEcosystemForPurl', () => {
  it.each([
    ['pkg:npm/lodash@4.17.20', 'npm'],
    ['pkg:pypi/django@4.0', 'PyPI'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'Maven'],
    ['pkg:golang/github.com/gorilla/mux@v1.8.0', 'Go'],
    ['pkg:cargo/rand@0.7.2', 'crates.io'],
    ['pkg:composer/laravel/laravel@5.5.0', 'Packagist'],
    ['pkg:gem/rails@7.0.0', 'RubyGems'],
    ['pkg:conan/openssl@3.0.3', 'ConanCenter'],
    ['pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie', 'Debian:8'],
    ['pkg:deb/debian/curl@7.88.1?distro=debian-12', 'Debian:12'],
    ['pkg:deb/debian/curl@7.88.1', 'Debian'],
    ['pkg:deb/ubuntu/openssl@3.0.2?distro=jammy', 'Ubuntu:22.04:LTS'],
    ['pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-20.04', 'Ubuntu:20.04:LTS'],
    ['pkg:rpm/redhat/openssl@1.1.1k?distro=rhel-8', 'Red Hat'],
    ['pkg:rpm/rocky/openssl@1.1.1k?distro=rocky-9.3', 'Rocky Linux:9'],
    ['pkg:rpm/almalinux/openssl@3.0.7', 'AlmaLinux'],
    ['pkg:rpm/opensuse/openssl@3.0.7?distro=opensuse-leap-15.5', 'openSUSE'],
    ['pkg:apk/alpine/curl@7.83.0-r0?arch=x86&distro=3.18.4', 'Alpine:v3.18'],
    ['pkg:apk/alpine/curl@7.83.0-r0?distro=alpine-3.19', 'Alpine:v3.19'],
    ['pkg:apk/wolfi/curl@8.0', 'Wolfi'],
  ])('%s → %s', (purl, eco) => {
    expect(osvEcosystemForPurl(parsePurl(purl))).toBe(eco);
  });

  it.each(['pkg:generic/openssl@1.1.1', 'pkg:rpm/fedora/curl@7.50.3-1.fc25', 'pkg:apk/unknownvendor/x@1'])('is undefined for %s', (purl) => {
    expect(osvEcosystemForPurl(parsePurl(purl))).toBeUndefined();
  });

  it('gives the OSV package name', () => {
    expect(osvPackageName(parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'))).toBe('org.apache.logging.log4j:log4j-core');
    expect(osvPackageName(parsePurl('pkg:golang/github.com/gorilla/mux@v1.8.0'))).toBe('github.com/gorilla/mux');
    expect(osvPackageName(parsePurl('pkg:npm/%40angular/core@1.0.0'))).toBe('@angular/core');
    expect(osvPackageName(parsePurl('pkg:deb/debian/curl@7.0'))).toBe('curl');
  });
});

describe('purlTypeForOsvEcosystem', () => {
  it.each([
    ['npm', 'npm'],
    ['PyPI', 'pypi'],
    ['Go', 'golang'],
    ['crates.io', 'cargo'],
    ['Packagist', 'composer'],
    ['Debian:12', 'deb'],
    ['Ubuntu:Pro:18.04:LTS', 'deb'],
    ['Red Hat:rhel_aus:8.4::appstream', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['Alpine:v3.18', 'apk'],
    ['Hackage', 'hackage'],
    ['ConanCenter', 'conan'],
    ['GitHub Actions', 'github'],
  ])('%s → %s', (eco, type) => {
    expect(purlTypeForOsvEcosystem(eco)).toBe(type);
  });

  it('gives the distribution namespace', () => {
    expect(purlForOsvEcosystem('Ubuntu:22.04:LTS')).toEqual({ type: 'deb', namespace: 'ubuntu' });
    expect(purlForOsvEcosystem('AlmaLinux:9')).toEqual({ type: 'rpm', namespace: 'almalinux' });
  });

  it('is undefined for an ecosystem without a purl type', () => {
    expect(purlTypeForOsvEcosystem('OSS-Fuzz')).toBeUndefined();
  });

  it('round-trips every mapped language ecosystem', () => {
    for (const e of ECOSYSTEMS) {
      if (e.osvEcosystem && !['deb', 'rpm', 'apk'].includes(e.purlType)) expect(purlTypeForOsvEcosystem(e.osvEcosystem)).toBe(e.purlType);
    }
  });
});

describe('knownCpeForPurl', () => {
  it.each([
    ['pkg:generic/openssl@1.1.1w', 'openssl', 'openssl'],
    ['pkg:deb/debian/libssl3@3.0.11', 'openssl', 'openssl'],
    ['pkg:deb/debian/zlib1g@1.2.13', 'zlib', 'zlib'],
    ['pkg:generic/busybox@1.36.1', 'busybox', 'busybox'],
    ['pkg:generic/linux@6.1.0', 'linux', 'linux_kernel'],
    ['pkg:deb/debian/libc6@2.36', 'gnu', 'glibc'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'apache', 'log4j'],
    ['pkg:generic/dropbear@2022.83', 'dropbear_ssh_project', 'dropbear_ssh'],
  ])('%s → %s:%s', (purl, vendor, product) => {
    expect(knownCpeForPurl(parsePurl(purl))).toMatchObject({ vendor, product });
  });

  it('does not map a same-named package of another group or an unknown package', () => {
    expect(knownCpeForPurl(parsePurl('pkg:maven/com.example/log4j-core@1.0'))).toBeUndefined();
    expect(knownCpeForPurl(parsePurl('pkg:npm/libc@1.0.0'))).toBeUndefined();
    expect(knownCpeForPurl(parsePurl('pkg:npm/left-pad@1.0.0'))).toBeUndefined();
  });
});
