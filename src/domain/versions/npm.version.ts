import { SemVer } from 'semver';
import type { ParseResult, VersionScheme } from './scheme.ts';
import { compareSemver, formatSemver, type SemverVersion } from './semver.version.ts';

/**
 * npm versions: node-semver (the library npm itself uses) parses; ordering is SemVer 2.0.0
 * precedence, which is what node-semver's `compare` implements. By default parsing is
 * node-semver's strict mode (accepts a leading `v` and surrounding blanks); `loose: true` also
 * accepts `=`, blanks after `v`/`=` and the other forms node-semver's loose mode accepts.
 */
export interface NpmSchemeOptions {
  readonly loose?: boolean;
}

export function parseNpm(text: string, options: NpmSchemeOptions = {}): ParseResult<SemverVersion> {
  if (typeof text !== 'string') return { ok: false, reason: 'not a string' };
  try {
    const v = new SemVer(text, { loose: options.loose === true });
    return {
      ok: true,
      value: { major: v.major, minor: v.minor, patch: v.patch, prerelease: v.prerelease.slice(), build: v.build.slice() },
    };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export function createNpmScheme(options: NpmSchemeOptions = {}): VersionScheme<SemverVersion> {
  return {
    id: 'npm',
    parse: (text) => parseNpm(text, options),
    compareParsed: compareSemver,
    format: formatSemver,
  };
}

export const npmScheme = createNpmScheme();
