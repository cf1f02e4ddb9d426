import type { VersionScheme } from './scheme.ts';
import { compareSemver, formatSemver, parseSemverStrict, type SemverVersion } from './semver.version.ts';

/**
 * Cargo (crates.io) versions: strict SemVer 2.0.0 as parsed by the `semver` crate; precedence per
 * SemVer §11 (build metadata does not affect precedence, which is what RustSec ranges use).
 */
export const cargoScheme: VersionScheme<SemverVersion> = {
  id: 'cargo',
  parse: parseSemverStrict,
  compareParsed: compareSemver,
  format: formatSemver,
};
