/**
 * One comparator per version scheme. Every scheme parses, validates and totally orders
 * the versions of its ecosystem; none falls back to another scheme silently.
 */

export type Ordering = -1 | 0 | 1;

/** Identifiers of the version schemes Vigil knows (vers-spec versioning scheme names where they exist). */
export type SchemeId =
  | 'semver'
  | 'npm'
  | 'pypi'
  | 'maven'
  | 'golang'
  | 'nuget'
  | 'gem'
  | 'cargo'
  | 'composer'
  | 'pub'
  | 'hex'
  | 'cran'
  | 'deb'
  | 'rpm'
  | 'apk'
  | 'alpm'
  | 'conan'
  | 'datetime'
  | 'gentoo'
  | 'hackage'
  | 'openssl'
  | 'nginx'
  | 'lexicographic'
  | 'generic';

export type ParseResult<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly reason: string };

export interface VersionScheme<V = unknown> {
  readonly id: SchemeId;
  /** Parses a version string; never throws. */
  parse(text: string): ParseResult<V>;
  /** Total order over parsed versions. */
  compareParsed(a: V, b: V): Ordering;
  /** Canonical text of a parsed version, for schemes with a round trip (parse(format(v)) equals v). */
  format?(v: V): string;
  /**
   * True only for the `generic` scheme: its order is a heuristic, not an ecosystem's rules,
   * so any result computed with it must say so (match detail, CLI output).
   */
  readonly generic?: boolean;
}

/** Raised when a version string is not valid under the scheme it was compared in. */
export class VersionParseError extends Error {
  readonly code = 'VERSION_INVALID';
  constructor(
    readonly scheme: SchemeId,
    readonly version: string,
    readonly reason: string,
  ) {
    super(`'${version}' is not a valid ${scheme} version: ${reason}`);
    this.name = 'VersionParseError';
  }
}

/** Compares two version strings under a scheme; throws VersionParseError on invalid input. */
export function compareVersions<V>(scheme: VersionScheme<V>, a: string, b: string): Ordering {
  const pa = scheme.parse(a);
  if (!pa.ok) throw new VersionParseError(scheme.id, a, pa.reason);
  const pb = scheme.parse(b);
  if (!pb.ok) throw new VersionParseError(scheme.id, b, pb.reason);
  return scheme.compareParsed(pa.value, pb.value);
}
