/**
 * The registry of version schemes: one comparator per ecosystem, looked up by scheme id.
 * There is no fallback: an unknown id is an error, and `generic` is only used when declared.
 */
import type { SchemeId, VersionScheme } from './scheme.ts';
import { semverScheme } from './semver.version.ts';
import { npmScheme } from './npm.version.ts';
import { pypiScheme } from './pypi.version.ts';
import { mavenScheme } from './maven.version.ts';
import { golangScheme } from './golang.version.ts';
import { nugetScheme } from './nuget.version.ts';
import { gemScheme } from './gem.version.ts';
import { cargoScheme } from './cargo.version.ts';
import { composerScheme } from './composer.version.ts';
import { pubScheme } from './pub.version.ts';
import { hexScheme } from './hex.version.ts';
import { cranScheme } from './cran.version.ts';
import { debScheme } from './deb.version.ts';
import { rpmScheme } from './rpm.version.ts';
import { apkScheme } from './apk.version.ts';
import { hackageScheme } from './hackage.version.ts';
import { alpmScheme } from './alpm.version.ts';
import { conanScheme } from './conan.version.ts';
import { datetimeScheme } from './datetime.version.ts';
import { gentooScheme } from './gentoo.version.ts';
import { opensslScheme } from './openssl.version.ts';
import { lexicographicScheme } from './lexicographic.version.ts';
import { genericScheme } from './generic.version.ts';
import { nginxScheme } from './nginx.version.ts';

export type { Ordering, ParseResult, SchemeId, VersionScheme } from './scheme.ts';
export { VersionParseError, compareVersions } from './scheme.ts';

const schemes = new Map<SchemeId, VersionScheme>();

function register<V>(scheme: VersionScheme<V>): void {
  schemes.set(scheme.id, scheme as unknown as VersionScheme);
}

register(semverScheme);
register(npmScheme);
register(pypiScheme);
register(mavenScheme);
register(golangScheme);
register(nugetScheme);
register(gemScheme);
register(cargoScheme);
register(composerScheme);
register(pubScheme);
register(hexScheme);
register(cranScheme);
register(debScheme);
register(rpmScheme);
register(apkScheme);
register(hackageScheme);
register(alpmScheme);
register(conanScheme);
register(datetimeScheme);
register(gentooScheme);
register(opensslScheme);
register(lexicographicScheme);
register(genericScheme);
register(nginxScheme);

/** True when Vigil has a comparator for this scheme id. */
export function hasScheme(id: string): id is SchemeId {
  return schemes.has(id as SchemeId);
}

/** The comparator for a scheme; throws for a scheme Vigil does not implement. */
export function getScheme(id: SchemeId): VersionScheme {
  const scheme = schemes.get(id);
  if (!scheme) throw new Error(`no version scheme '${id}'`);
  return scheme;
}

/** Every implemented scheme, sorted by id. */
export function listSchemes(): readonly VersionScheme[] {
  return [...schemes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One line per scheme, for `vigil version schemes` and docs. */
export const SCHEME_SUMMARIES: Readonly<Partial<Record<SchemeId, string>>> = {
  alpm: 'Arch Linux pacman (epoch:pkgver-pkgrel, alpm_pkg_vercmp)',
  apk: 'Alpine Linux apk-tools',
  cargo: 'Rust crates (strict SemVer 2.0.0)',
  composer: 'PHP Composer / Packagist (PHP version_compare)',
  conan: 'Conan 2 C/C++ packages',
  cran: 'R packages on CRAN (package_version)',
  datetime: 'RFC 3339 timestamps, ordered by instant',
  deb: 'Debian / Ubuntu dpkg (epoch, ~, upstream-revision)',
  gem: 'RubyGems (Gem::Version)',
  generic: 'heuristic for undeclared ecosystems (results are marked generic)',
  gentoo: 'Gentoo ebuilds (PMS version comparison)',
  golang: 'Go modules (v-prefixed SemVer, pseudo-versions, +incompatible)',
  hackage: 'Haskell Hackage (Data.Version)',
  hex: 'Erlang/Elixir Hex (strict SemVer 2.0.0)',
  lexicographic: 'opaque strings in UTF-8 byte order',
  maven: 'Maven (ComparableVersion)',
  nginx: 'nginx releases (numeric MAJOR.MINOR.PATCH)',
  npm: 'npm (node-semver)',
  nuget: 'NuGet (NuGet.Versioning, four-part SemVer)',
  openssl: 'OpenSSL releases (1.1.1w, 3.0.13)',
  pub: 'Dart pub (pub_semver: build metadata takes part in the order)',
  pypi: 'Python PyPI (PEP 440; legacy versions sort first)',
  rpm: 'RPM: Red Hat, Fedora, SUSE (rpmvercmp with ~ and ^)',
  semver: 'Semantic Versioning 2.0.0 (as OSV reads it)',
};
