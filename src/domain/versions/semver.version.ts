import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';

/**
 * Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html), §11 precedence.
 * A leading `v` is tolerated (as OSV's SemVer ecosystem and Go do); build metadata is kept
 * but ignored for ordering. Numeric parts must be safe integers (as in node-semver).
 */
export interface SemverVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Prerelease identifiers: numbers for numeric identifiers, strings otherwise. */
  readonly prerelease: readonly (string | number)[];
  readonly build: readonly string[];
}

const MAX_LENGTH = 256;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

function parseNumericPart(text: string, name: string): number | string {
  if (text.length === 0) return `${name} version is empty`;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return `${name} version '${text}' is not a number`;
  if (text.length > 1 && text.charCodeAt(0) === 48) return `${name} version '${text}' has a leading zero`;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return `${name} version '${text}' is too big`;
  return n;
}

function parseIdentifiers(text: string, what: string, numeric: boolean): (string | number)[] | string {
  const parts = text.split('.');
  const out: (string | number)[] = [];
  for (const part of parts) {
    if (part.length === 0) return `${what} has an empty identifier`;
    let allDigits = true;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (!isIdentChar(c)) return `${what} identifier '${part}' has an invalid character`;
      if (!isDigit(c)) allDigits = false;
    }
    if (numeric && allDigits) {
      if (part.length > 1 && part.charCodeAt(0) === 48) return `${what} identifier '${part}' has a leading zero`;
      const n = Number(part);
      if (!Number.isSafeInteger(n)) return `${what} identifier '${part}' is too big`;
      out.push(n);
    } else out.push(part);
  }
  return out;
}

/** Parses a strict SemVer 2.0.0 string (optional leading `v`). */
export function parseSemver(input: string): ParseResult<SemverVersion> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  if (input.length > MAX_LENGTH) return { ok: false, reason: `longer than ${MAX_LENGTH} characters` };
  let text = input;
  if (text.startsWith('v')) text = text.slice(1);
  let build: string[] = [];
  const plus = text.indexOf('+');
  if (plus >= 0) {
    const b = parseIdentifiers(text.slice(plus + 1), 'build metadata', false);
    if (typeof b === 'string') return { ok: false, reason: b };
    build = b as string[];
    text = text.slice(0, plus);
  }
  let prerelease: (string | number)[] = [];
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const p = parseIdentifiers(text.slice(dash + 1), 'prerelease', true);
    if (typeof p === 'string') return { ok: false, reason: p };
    prerelease = p;
    text = text.slice(0, dash);
  }
  const core = text.split('.');
  if (core.length !== 3) return { ok: false, reason: 'expected MAJOR.MINOR.PATCH' };
  const major = parseNumericPart(core[0]!, 'major');
  if (typeof major === 'string') return { ok: false, reason: major };
  const minor = parseNumericPart(core[1]!, 'minor');
  if (typeof minor === 'string') return { ok: false, reason: minor };
  const patch = parseNumericPart(core[2]!, 'patch');
  if (typeof patch === 'string') return { ok: false, reason: patch };
  return { ok: true, value: { major, minor, patch, prerelease, build } };
}

function compareIdentifier(a: string | number, b: string | number): Ordering {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
    return -1;
  }
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer 2.0.0 precedence; build metadata is ignored. */
export function compareSemver(a: SemverVersion, b: SemverVersion): Ordering {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const pa = a.prerelease;
  const pb = b.prerelease;
  const la = pa.length;
  const lb = pb.length;
  if (la === 0) return lb === 0 ? 0 : 1;
  if (lb === 0) return -1;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const c = compareIdentifier(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Canonical text (without the optional `v`). */
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
