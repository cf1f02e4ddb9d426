import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { compareIdentifiers, compareSemver, formatSemver, parseSemverWith, type SemverVersion } from './semver.version.ts';
import { toNum } from './numeric.ts';

/**
 * Dart pub versions (package:pub_semver): SemVer 2.0.0 precedence, except that build metadata
 * takes part in the order: a version without build sorts before the same version with one, and
 * builds compare like prerelease identifiers. Parsing is as lenient as OSV's (leading `v`, missing
 * or extra numbers; extra numbers become leading build identifiers).
 */
export type PubVersion = SemverVersion;

export function parsePub(input: string): ParseResult<PubVersion> {
  return parseSemverWith(input);
}

export function comparePub(a: PubVersion, b: PubVersion): Ordering {
  const c = compareSemver(a, b);
  if (c !== 0) return c;
  const ba = a.build;
  const bb = b.build;
  if (ba.length === 0) return bb.length === 0 ? 0 : -1;
  if (bb.length === 0) return 1;
  return compareIdentifiers(
    ba.map((x) => (/^\d+$/.test(x) ? toNum(x) : x)),
    bb.map((x) => (/^\d+$/.test(x) ? toNum(x) : x)),
  );
}

export const pubScheme: VersionScheme<PubVersion> = { id: 'pub', parse: parsePub, compareParsed: comparePub, format: formatSemver };
