/**
 * Mapping data between package identities: purl type ↔ OSV ecosystem ↔ Vigil version scheme
 * ↔ vers scheme, and a small table of purl → CPE vendor/product pairs.
 *
 * Sources: purl types from purl-spec PURL-TYPES; OSV ecosystem names from the OSV schema's
 * ecosystems.json; vers schemes from vers-spec "VERS types" (the vers type is the purl type
 * where one is registered). Pure data plus lookups.
 */
import type { SchemeId } from '../versions/scheme.ts';
import type { Purl, PurlQualifiers } from './purl.ts';

export interface EcosystemMapping {
  readonly purlType: string;
  /** OSV ecosystem name without any `:release` suffix; null when OSV has none. */
  readonly osvEcosystem: string | null;
  readonly scheme: SchemeId;
  /** vers-spec versioning scheme. */
  readonly versScheme: string;
  readonly note?: string;
}

/** One row per purl type Vigil maps. Distribution types (deb, rpm, apk) refine the OSV name by namespace/distro. */
export const ECOSYSTEMS: readonly EcosystemMapping[] = [
  { purlType: 'npm', osvEcosystem: 'npm', scheme: 'npm', versScheme: 'npm' },
  { purlType: 'pypi', osvEcosystem: 'PyPI', scheme: 'pypi', versScheme: 'pypi' },
  { purlType: 'maven', osvEcosystem: 'Maven', scheme: 'maven', versScheme: 'maven', note: 'OSV name is groupId:artifactId' },
  { purlType: 'golang', osvEcosystem: 'Go', scheme: 'golang', versScheme: 'golang', note: 'OSV name is the module path' },
  { purlType: 'nuget', osvEcosystem: 'NuGet', scheme: 'nuget', versScheme: 'nuget' },
  { purlType: 'gem', osvEcosystem: 'RubyGems', scheme: 'gem', versScheme: 'gem' },
  { purlType: 'cargo', osvEcosystem: 'crates.io', scheme: 'cargo', versScheme: 'cargo' },
  { purlType: 'composer', osvEcosystem: 'Packagist', scheme: 'composer', versScheme: 'composer', note: 'OSV name is vendor/package' },
  { purlType: 'pub', osvEcosystem: 'Pub', scheme: 'pub', versScheme: 'pub', note: 'vers-types lists this scheme as "dart"' },
  { purlType: 'hex', osvEcosystem: 'Hex', scheme: 'hex', versScheme: 'hex' },
  { purlType: 'cran', osvEcosystem: 'CRAN', scheme: 'cran', versScheme: 'cran' },
  { purlType: 'deb', osvEcosystem: 'Debian', scheme: 'deb', versScheme: 'deb', note: 'Ubuntu when the namespace or distro says so' },
  { purlType: 'rpm', osvEcosystem: 'Red Hat', scheme: 'rpm', versScheme: 'rpm', note: 'by namespace: Red Hat, Rocky Linux, AlmaLinux, openSUSE, SUSE, …' },
  { purlType: 'apk', osvEcosystem: 'Alpine', scheme: 'apk', versScheme: 'apk', note: 'Wolfi/Chainguard by namespace' },
  { purlType: 'hackage', osvEcosystem: 'Hackage', scheme: 'hackage', versScheme: 'hackage' },
  { purlType: 'conan', osvEcosystem: 'ConanCenter', scheme: 'conan', versScheme: 'conan' },
  { purlType: 'github', osvEcosystem: 'GitHub Actions', scheme: 'generic', versScheme: 'github', note: 'tags have no fixed scheme; compared generically' },
  { purlType: 'swift', osvEcosystem: 'SwiftURL', scheme: 'semver', versScheme: 'swift' },
  { purlType: 'bitnami', osvEcosystem: 'Bitnami', scheme: 'semver', versScheme: 'bitnami' },
  { purlType: 'alpm', osvEcosystem: null, scheme: 'alpm', versScheme: 'alpm' },
  { purlType: 'generic', osvEcosystem: null, scheme: 'generic', versScheme: 'generic', note: 'no OSV ecosystem; CPE is the usual route' },
];

const BY_TYPE: ReadonlyMap<string, EcosystemMapping> = new Map(ECOSYSTEMS.map((e) => [e.purlType, e]));

/** Debian release codenames → OSV release numbers ("Debian:12"). */
export const DEBIAN_RELEASES: Readonly<Record<string, string>> = {
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  sid: 'sid',
};

/** Ubuntu release codenames → OSV release ("Ubuntu:22.04:LTS"). */
export const UBUNTU_RELEASES: Readonly<Record<string, string>> = {
  trusty: '14.04:LTS',
  xenial: '16.04:LTS',
  bionic: '18.04:LTS',
  focal: '20.04:LTS',
  jammy: '22.04:LTS',
  mantic: '23.10',
  noble: '24.04:LTS',
  oracular: '24.10',
  plucky: '25.04',
};

/** rpm purl namespace (vendor) → OSV ecosystem; whether the OSV name takes a numeric release suffix. */
const RPM_VENDORS: Readonly<Record<string, { readonly ecosystem: string; readonly release: boolean }>> = {
  redhat: { ecosystem: 'Red Hat', release: false }, // OSV suffix is a Red Hat CPE, not derivable from a purl
  rhel: { ecosystem: 'Red Hat', release: false },
  rocky: { ecosystem: 'Rocky Linux', release: true },
  'rocky-linux': { ecosystem: 'Rocky Linux', release: true },
  almalinux: { ecosystem: 'AlmaLinux', release: true },
  opensuse: { ecosystem: 'openSUSE', release: false }, // OSV suffix is a marketing name
  suse: { ecosystem: 'SUSE', release: false },
  photon: { ecosystem: 'Photon OS', release: true },
  mariner: { ecosystem: 'Azure Linux', release: true },
  azurelinux: { ecosystem: 'Azure Linux', release: true },
  openeuler: { ecosystem: 'openEuler', release: false },
  mageia: { ecosystem: 'Mageia', release: true },
};

const APK_VENDORS: Readonly<Record<string, string>> = { alpine: 'Alpine', wolfi: 'Wolfi', chainguard: 'Chainguard' };

/** The numeric release in a distro qualifier: "debian-12" → "12", "rocky-9.3" → "9.3", "3.18.4" → "3.18.4". */
function releaseNumber(distro: string): string | undefined {
  const m = /(\d+(?:\.\d+)*)$/.exec(distro);
  return m?.[1];
}

/** The Vigil version scheme for a purl type (qualifiers reserved for types whose scheme depends on them). */
export function schemeForPurlType(type: string, qualifiers: PurlQualifiers | null = null): SchemeId | undefined {
  void qualifiers; // every mapped type has one scheme today; deb/rpm/apk distro only changes the OSV ecosystem
  return BY_TYPE.get(type.toLowerCase())?.scheme;
}

/** The vers scheme for a purl type. */
export function versSchemeForPurlType(type: string): string | undefined {
  return BY_TYPE.get(type.toLowerCase())?.versScheme;
}

function debEcosystem(purl: Purl): string {
  const distro = purl.qualifiers?.distro?.toLowerCase() ?? '';
  const ns = purl.namespace?.toLowerCase() ?? '';
  const ubuntu = ns === 'ubuntu' || distro.startsWith('ubuntu') || Object.hasOwn(UBUNTU_RELEASES, distro);
  if (ubuntu) {
    const codename = UBUNTU_RELEASES[distro];
    if (codename) return `Ubuntu:${codename}`;
    const n = releaseNumber(distro);
    const known = Object.values(UBUNTU_RELEASES).find((r) => r.split(':')[0] === n);
    return known ? `Ubuntu:${known}` : 'Ubuntu';
  }
  const release = DEBIAN_RELEASES[distro] ?? (distro ? releaseNumber(distro)?.split('.')[0] : undefined);
  return release ? `Debian:${release}` : 'Debian';
}

/**
 * The OSV ecosystem string for a purl, with the release suffix when the purl says which release
 * (distro qualifier); undefined when OSV has no ecosystem for it.
 */
export function osvEcosystemForPurl(purl: Purl): string | undefined {
  const mapping = BY_TYPE.get(purl.type);
  const distro = purl.qualifiers?.distro?.toLowerCase() ?? '';
  switch (purl.type) {
    case 'deb':
      return debEcosystem(purl);
    case 'rpm': {
      const vendor = RPM_VENDORS[purl.namespace?.toLowerCase() ?? ''];
      if (!vendor) return undefined;
      const n = vendor.release && distro ? releaseNumber(distro)?.split('.')[0] : undefined;
      return n ? `${vendor.ecosystem}:${n}` : vendor.ecosystem;
    }
    case 'apk': {
      const eco = APK_VENDORS[purl.namespace?.toLowerCase() ?? ''];
      if (!eco) return undefined;
      if (eco !== 'Alpine') return eco;
      const n = distro ? releaseNumber(distro) : undefined;
      const branch = n ? n.split('.').slice(0, 2).join('.') : undefined;
      return branch ? `Alpine:v${branch}` : 'Alpine';
    }
    default:
      return mapping?.osvEcosystem ?? undefined;
  }
}

/** The package name OSV uses for a purl (Maven joins with ':', Go/Packagist/GitHub with '/'). */
export function osvPackageName(purl: Purl): string {
  if (!purl.namespace) return purl.name;
  return purl.type === 'maven' ? `${purl.namespace}:${purl.name}` : purl.type === 'deb' || purl.type === 'rpm' || purl.type === 'apk' ? purl.name : `${purl.namespace}/${purl.name}`;
}

/** What a purl for an OSV ecosystem looks like: type, and the namespace distributions use. */
export interface OsvEcosystemPurl {
  readonly type: string;
  readonly namespace: string | null;
}

const OSV_DISTRO_NAMESPACE: Readonly<Record<string, OsvEcosystemPurl>> = {
  Debian: { type: 'deb', namespace: 'debian' },
  Ubuntu: { type: 'deb', namespace: 'ubuntu' },
  'Red Hat': { type: 'rpm', namespace: 'redhat' },
  'Rocky Linux': { type: 'rpm', namespace: 'rocky' },
  AlmaLinux: { type: 'rpm', namespace: 'almalinux' },
  openSUSE: { type: 'rpm', namespace: 'opensuse' },
  SUSE: { type: 'rpm', namespace: 'suse' },
  'Photon OS': { type: 'rpm', namespace: 'photon' },
  'Azure Linux': { type: 'rpm', namespace: 'azurelinux' },
  openEuler: { type: 'rpm', namespace: 'openeuler' },
  Mageia: { type: 'rpm', namespace: 'mageia' },
  Alpine: { type: 'apk', namespace: 'alpine' },
  Wolfi: { type: 'apk', namespace: 'wolfi' },
  Chainguard: { type: 'apk', namespace: 'chainguard' },
};

/** The base ecosystem name of an OSV ecosystem string ("Debian:12" → "Debian"). */
export function osvEcosystemBase(ecosystem: string): string {
  const i = ecosystem.indexOf(':');
  return i === -1 ? ecosystem : ecosystem.slice(0, i);
}

/** Type and namespace of purls for an OSV ecosystem ("Ubuntu:22.04:LTS" → deb/ubuntu). */
export function purlForOsvEcosystem(ecosystem: string): OsvEcosystemPurl | undefined {
  const base = osvEcosystemBase(ecosystem);
  const distro = OSV_DISTRO_NAMESPACE[base];
  if (distro) return distro;
  const mapping = ECOSYSTEMS.find((e) => e.osvEcosystem === base);
  return mapping ? { type: mapping.purlType, namespace: null } : undefined;
}

/** The purl type for an OSV ecosystem string (release suffix ignored), or undefined. */
export function purlTypeForOsvEcosystem(ecosystem: string): string | undefined {
  return purlForOsvEcosystem(ecosystem)?.type;
}

// ---------------------------------------------------------------------------------------------
// Known purl → CPE vendor/product pairs

export interface KnownCpeProduct {
  /** Package names (any purl type unless `types` narrows it) that identify the product. */
  readonly names: readonly string[];
  readonly types?: readonly string[];
  /** For maven: the groupId the names must have. */
  readonly namespace?: string;
  readonly part: 'a' | 'o' | 'h';
  readonly vendor: string;
  readonly product: string;
}

/**
 * Embedded and OS components common in medical devices, with the vendor:product pair the NVD
 * CPE Dictionary uses for them in CVE configurations (e.g. openssl:openssl in CVE-2014-0160,
 * linux:linux_kernel and busybox:busybox as in the NVD records under the shared conformance data).
 * Hand-maintained and deliberately small: a hint for the lower-confidence CPE route, not an
 * authority. Distribution package names (libssl3, zlib1g, libc6, …) are included where the
 * binary package differs from the upstream name.
 */
export const KNOWN_CPE_PRODUCTS: readonly KnownCpeProduct[] = [
  { names: ['openssl', 'libssl', 'libssl3', 'libssl1.1', 'openssl-libs'], part: 'a', vendor: 'openssl', product: 'openssl' },
  { names: ['zlib', 'zlib1g', 'zlib-ng-compat'], part: 'a', vendor: 'zlib', product: 'zlib' },
  { names: ['busybox'], part: 'a', vendor: 'busybox', product: 'busybox' },
  { names: ['linux', 'linux-kernel', 'kernel', 'linux-image'], part: 'o', vendor: 'linux', product: 'linux_kernel' },
  { names: ['glibc', 'libc6', 'libc'], types: ['deb', 'rpm', 'generic', 'conan'], part: 'a', vendor: 'gnu', product: 'glibc' },
  { names: ['curl', 'libcurl', 'libcurl4'], part: 'a', vendor: 'haxx', product: 'curl' },
  { names: ['sqlite', 'sqlite3', 'libsqlite3-0', 'sqlite-libs'], part: 'a', vendor: 'sqlite', product: 'sqlite' },
  { names: ['libxml2'], part: 'a', vendor: 'xmlsoft', product: 'libxml2' },
  { names: ['openssh', 'openssh-server', 'openssh-client'], part: 'a', vendor: 'openbsd', product: 'openssh' },
  { names: ['dropbear', 'dropbear-ssh'], part: 'a', vendor: 'dropbear_ssh_project', product: 'dropbear_ssh' },
  { names: ['log4j-core', 'log4j-api'], types: ['maven'], namespace: 'org.apache.logging.log4j', part: 'a', vendor: 'apache', product: 'log4j' },
  { names: ['log4j'], types: ['maven'], namespace: 'log4j', part: 'a', vendor: 'apache', product: 'log4j' },
  { names: ['expat', 'libexpat', 'libexpat1'], part: 'a', vendor: 'libexpat_project', product: 'libexpat' },
  { names: ['libpng', 'libpng16-16'], part: 'a', vendor: 'libpng', product: 'libpng' },
  { names: ['libjpeg-turbo'], part: 'a', vendor: 'libjpeg-turbo', product: 'libjpeg-turbo' },
  { names: ['openjpeg', 'openjpeg2', 'libopenjp2-7'], part: 'a', vendor: 'uclouvain', product: 'openjpeg' },
  { names: ['dcmtk'], part: 'a', vendor: 'offis', product: 'dcmtk' },
  { names: ['mbedtls', 'mbed-tls'], part: 'a', vendor: 'arm', product: 'mbed_tls' },
  { names: ['wolfssl'], part: 'a', vendor: 'wolfssl', product: 'wolfssl' },
  { names: ['freertos', 'freertos-kernel'], part: 'o', vendor: 'amazon', product: 'freertos' },
  { names: ['u-boot'], part: 'a', vendor: 'denx', product: 'u-boot' },
  { names: ['bash'], part: 'a', vendor: 'gnu', product: 'bash' },
  { names: ['dnsmasq'], part: 'a', vendor: 'thekelleys', product: 'dnsmasq' },
  { names: ['systemd'], part: 'a', vendor: 'systemd_project', product: 'systemd' },
  { names: ['xz', 'xz-utils', 'liblzma5'], part: 'a', vendor: 'tukaani', product: 'xz' },
  { names: ['libwebp'], part: 'a', vendor: 'webmproject', product: 'libwebp' },
  { names: ['samba'], part: 'a', vendor: 'samba', product: 'samba' },
  { names: ['open62541'], part: 'a', vendor: 'open62541', product: 'open62541' },
  { names: ['ffmpeg'], part: 'a', vendor: 'ffmpeg', product: 'ffmpeg' },
];

/** The known CPE vendor/product for a purl, if the table has it. */
export function knownCpeForPurl(purl: Purl): KnownCpeProduct | undefined {
  const name = purl.name.toLowerCase();
  return KNOWN_CPE_PRODUCTS.find(
    (k) =>
      k.names.includes(name) &&
      (k.types === undefined || k.types.includes(purl.type)) &&
      (k.namespace === undefined || k.namespace === purl.namespace),
  );
}
