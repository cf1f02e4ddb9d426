import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { isDigitCode, toNum, type Num } from './numeric.ts';

/**
 * Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html), precedence per §11.
 *
 * The `semver` scheme is the one OSV calls "SemVer": it tolerates a leading `v`, missing minor or
 * patch (read as 0), numbers of any size and extra numeric components after the third (kept as
 * build metadata, so they do not affect order). Strict SemVer (exactly MAJOR.MINOR.PATCH, no leading
 * zeros, no `v`) is available as `parseSemverStrict`, used by the hex and cargo schemes.
 */
export interface SemverVersion {
  readonly major: Num;
  readonly minor: Num;
  readonly patch: Num;
  /** Prerelease identifiers: numbers for numeric identifiers, strings otherwise. */
  readonly prerelease: readonly (string | Num)[];
  readonly build: readonly string[];
}

export interface SemverParseOptions {
  /** Exactly three components, no leading zeros, no `v` prefix. */
  readonly strict?: boolean;
  /** Fold the case of prerelease identifiers (NuGet). */
  readonly foldCase?: boolean;
}

function isIdentChar(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

function parseIdentifiers(text: string, what: string, numeric: boolean, strict: boolean): (string | Num)[] | string {
  const parts = text.split('.');
  const out: (string | Num)[] = [];
  for (const part of parts) {
    if (part.length === 0) return `${what} has an empty identifier`;
    let allDigits = true;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (!isIdentChar(c)) return `${what} identifier '${part}' has an invalid character '${part[i]}'`;
      if (!isDigitCode(c)) allDigits = false;
    }
    if (numeric && allDigits) {
      if (strict && part.length > 1 && part.charCodeAt(0) === 48) return `${what} identifier '${part}' has a leading zero`;
      out.push(toNum(part));
    } else out.push(part);
  }
  return out;
}

const NAMES = ['major', 'minor', 'patch'] as const;

export function parseSemverWith(input: string, options: SemverParseOptions = {}): ParseResult<SemverVersion> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  if (input.length === 0) return { ok: false, reason: 'empty version' };
  if (input.length > 1024) return { ok: false, reason: 'longer than 1024 characters' };
  const strict = options.strict === true;
  let i = 0;
  if (!strict && (input.charCodeAt(0) === 118 || input.charCodeAt(0) === 86) /* v V */) i = 1;
  const nums: Num[] = [];
  const extra: string[] = [];
  for (;;) {
    const start = i;
    while (i < input.length && isDigitCode(input.charCodeAt(i))) i++;
    if (i === start) {
      const name = NAMES[nums.length] ?? `part ${nums.length + 1} of the`;
      return { ok: false, reason: i >= input.length ? `${name} version is missing` : `${name} version must be a number, found '${input[i]}'` };
    }
    const digits = input.slice(start, i);
    if (strict && digits.length > 1 && digits.charCodeAt(0) === 48) return { ok: false, reason: `${NAMES[nums.length] ?? 'numeric'} version '${digits}' has a leading zero` };
    if (nums.length < 3) nums.push(toNum(digits));
    else extra.push(digits);
    if (i < input.length && input.charCodeAt(i) === 46 /* . */) {
      i++;
      continue;
    }
    break;
  }
  if (strict && (nums.length !== 3 || extra.length > 0)) return { ok: false, reason: 'expected MAJOR.MINOR.PATCH' };
  let prerelease: (string | Num)[] = [];
  let build: string[] = [];
  let rest = input.slice(i);
  if (rest.length > 0 && rest.charCodeAt(0) !== 45 && rest.charCodeAt(0) !== 43) {
    return { ok: false, reason: `unexpected '${rest[0]}' after the version numbers (expected '-' or '+')` };
  }
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    const b = parseIdentifiers(rest.slice(plus + 1), 'build metadata', false, strict);
    if (typeof b === 'string') return { ok: false, reason: b };
    build = b as string[];
    rest = rest.slice(0, plus);
  }
  if (rest.length > 0) {
    let text = rest.slice(1);
    if (options.foldCase) text = text.toLowerCase();
    const p = parseIdentifiers(text, 'prerelease', true, strict);
    if (typeof p === 'string') return { ok: false, reason: p };
    prerelease = p;
  }
  if (extra.length > 0) build = [...extra, ...build];
  return { ok: true, value: { major: nums[0]!, minor: nums[1] ?? 0, patch: nums[2] ?? 0, prerelease, build } };
}

/** OSV-compatible SemVer parse (see the module comment). */
export function parseSemver(input: string): ParseResult<SemverVersion> {
  return parseSemverWith(input);
}

/** Strict SemVer 2.0.0: MAJOR.MINOR.PATCH without leading zeros, optional prerelease and build. */
export function parseSemverStrict(input: string): ParseResult<SemverVersion> {
  return parseSemverWith(input, { strict: true });
}

export function compareIdentifiers(pa: readonly (string | Num)[], pb: readonly (string | Num)[]): Ordering {
  const la = pa.length;
  const lb = pb.length;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const a = pa[i]!;
    const b = pb[i]!;
    if (a === b) continue;
    if (typeof a === 'string') {
      if (typeof b !== 'string') return 1;
      return a < b ? -1 : 1;
    }
    if (typeof b === 'string') return -1;
    return a < b ? -1 : 1;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** SemVer 2.0.0 precedence; build metadata is ignored. */
export function compareSemver(a: SemverVersion, b: SemverVersion): Ordering {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const pa = a.prerelease;
  const pb = b.prerelease;
  if (pa.length === 0) return pb.length === 0 ? 0 : 1;
  if (pb.length === 0) return -1;
  return compareIdentifiers(pa, pb);
}


/** Canonical text (without a `v`). */
export function formatSemver(v: SemverVersion): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length > 0) s += `-${v.prerelease.join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}

export const semverScheme: VersionScheme<SemverVersion> = {
  id: 'semver',
  parse: parseSemver,
  compareParsed: compareSemver,
  format: formatSemver,
};
