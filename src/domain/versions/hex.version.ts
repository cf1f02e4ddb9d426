import type { VersionScheme } from './scheme.ts';
import { compareSemver, formatSemver, parseSemverStrict, type SemverVersion } from './semver.version.ts';

/**
 * Hex (Elixir/Erlang) versions: Elixir's `Version` is strict SemVer 2.0.0 (MAJOR.MINOR.PATCH
 * required, no leading zeros); build metadata is ignored for ordering.
 */
export const hexScheme: VersionScheme<SemverVersion> = {
  id: 'hex',
  parse: parseSemverStrict,
  compareParsed: compareSemver,
  format: formatSemver,
};
