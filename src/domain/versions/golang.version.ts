import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { compareSemver, parseSemverWith, type SemverVersion } from './semver.version.ts';

/**
 * Go module versions (golang.org/x/mod/semver): SemVer 2.0.0 with a required `v` prefix;
 * `vMAJOR` and `vMAJOR.MINOR` are shorthands for `.0`. Pseudo-versions
 * (`v0.0.0-20191109021931-daa7c04131f5`, `vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef123456`) are ordinary
 * prereleases and therefore order by their timestamp; `+incompatible` is build metadata and does
 * not affect order.
 */
export interface GoVersion extends SemverVersion {
  /** True for pseudo-versions (a prerelease ending in a 14-digit timestamp and a 12-hex revision). */
  readonly pseudo: boolean;
  readonly incompatible: boolean;
}

const PSEUDO = /(?:^|[.-])(?:0\.)?\d{14}-[0-9a-f]{12}$/;

export function parseGo(input: string): ParseResult<GoVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  if (input.charCodeAt(0) !== 118) return { ok: false, reason: "Go module versions start with 'v'" };
  const core = input.slice(1);
  const numbers = /^\d+(?:\.\d+)*/.exec(core)?.[0] ?? '';
  const count = numbers === '' ? 0 : numbers.split('.').length;
  if (count === 0) return { ok: false, reason: "expected a number after 'v'" };
  if (count > 3) return { ok: false, reason: 'more than three version numbers' };
  if (/(?:^|\.)0\d/.test(numbers)) return { ok: false, reason: 'leading zero in a version number' };
  // vMAJOR and vMAJOR.MINOR are shorthands for .0 and cannot carry a prerelease or build.
  if (count < 3 && numbers.length !== core.length) return { ok: false, reason: 'shorthand vMAJOR[.MINOR] cannot carry a prerelease or build' };
  const r = parseSemverWith(core, { strict: count === 3 });
  if (!r.ok) return r;
  const v = r.value;
  const pre = v.prerelease.join('.');
  const pseudo = PSEUDO.test(pre);
  const incompatible = v.build.length === 1 && v.build[0] === 'incompatible';
  if (v.build.length > 0 && !incompatible) return { ok: false, reason: "only '+incompatible' build metadata is allowed in Go module versions" };
  return { ok: true, value: { ...v, pseudo, incompatible } };
}

export function compareGo(a: GoVersion, b: GoVersion): Ordering {
  return compareSemver(a, b);
}

export function formatGo(v: GoVersion): string {
  let s = `v${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length > 0) s += `-${v.prerelease.join('.')}`;
  if (v.incompatible) s += '+incompatible';
  return s;
}

export const golangScheme: VersionScheme<GoVersion> = { id: 'golang', parse: parseGo, compareParsed: compareGo, format: formatGo };
