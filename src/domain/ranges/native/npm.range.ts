/**
 * npm ranges (node-semver grammar: `^ ~ x-ranges`, hyphen ranges, `||`, prerelease rules).
 *
 * Parsing and satisfaction are delegated to node-semver, the library npm itself uses, so that
 * Vigil reads a range exactly as npm does. This module adapts it to Vigil's rules (invalid
 * input is `indeterminate`, never "not affected") and converts ranges to vers.
 *
 * npm → vers: node-semver desugars every range to comparator sets such as `>=1.2.3 <2.0.0-0`.
 * Upper bounds of the form `<X.Y.Z-0` are written `<X.Y.Z`, as the vers-spec conversion tests
 * do. The vers form orders versions only: node-semver's rule that a prerelease satisfies a
 * range only when a comparator of the same `major.minor.patch` names a prerelease is not
 * expressible in vers, so the vers form may include prereleases npm would exclude (it never
 * excludes one npm includes).
 */
import { Comparator, Range, SemVer, gtr, intersects, ltr, satisfies, validRange } from 'semver';
import { affected, indeterminate, notAffected, type RangeResult } from '../result.ts';
import type { VersConstraint } from '../vers.ts';
import { ANY, spec, vc, type NativeResult, type Spec } from './common.ts';

export interface NpmRangeOptions {
  /** node-semver loose parsing. */
  readonly loose?: boolean;
  /** Let prereleases satisfy ranges that do not name a prerelease of the same tuple. */
  readonly includePrerelease?: boolean;
}

function opts(o: NpmRangeOptions): { loose: boolean; includePrerelease: boolean } {
  return { loose: o.loose === true, includePrerelease: o.includePrerelease === true };
}

function parseRange(text: unknown, o: NpmRangeOptions): Range | string {
  if (typeof text !== 'string') return 'the range is not a string';
  try {
    return new Range(text, opts(o));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function parseVersion(text: unknown, o: NpmRangeOptions): SemVer | string {
  if (typeof text !== 'string') return 'the version is not a string';
  try {
    return new SemVer(text, opts(o));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The canonical node-semver form of a range (`*` for any), or undefined when invalid. */
export function npmRangeFormat(text: unknown, o: NpmRangeOptions = {}): string | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return validRange(text, opts(o)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Does an npm range include a version, with npm's prerelease rules? */
export function npmRangeContains(range: unknown, version: unknown, o: NpmRangeOptions = {}): RangeResult {
  const r = parseRange(range, o);
  if (typeof r === 'string') return indeterminate(`'${String(range)}' is not a valid npm range: ${r}`, 'npm');
  const v = parseVersion(version, o);
  if (typeof v === 'string') return indeterminate(`'${String(version)}' is not a valid npm version: ${v}`, 'npm');
  const shown = r.range || '*';
  if (satisfies(v, r, opts(o))) return affected(`${v.version} satisfies npm range '${String(range)}' (${shown}) (npm)`, 'npm', shown);
  const pre = v.prerelease.length > 0 && !o.includePrerelease;
  const why = pre ? ' (a prerelease only matches comparators naming a prerelease of the same major.minor.patch)' : '';
  return notAffected(`${v.version} does not satisfy npm range '${String(range)}' (${shown})${why} (npm)`, 'npm');
}

/** Is the version entirely above ('>') or below ('<') every version the range allows? */
export function npmVersionOutside(version: unknown, range: unknown, side: '>' | '<', o: NpmRangeOptions = {}): boolean | undefined {
  const r = parseRange(range, o);
  const v = parseVersion(version, o);
  if (typeof r === 'string' || typeof v === 'string') return undefined;
  return side === '>' ? gtr(v, r, opts(o)) : ltr(v, r, opts(o));
}

/** Do two npm ranges share at least one version? */
export function npmRangesIntersect(a: unknown, b: unknown, o: NpmRangeOptions = {}): boolean | undefined {
  const ra = parseRange(a, o);
  const rb = parseRange(b, o);
  if (typeof ra === 'string' || typeof rb === 'string') return undefined;
  return intersects(ra, rb, opts(o));
}

/** Do two single npm comparators (e.g. `>=1.2.0`, `<1.3.0`) share at least one version? */
export function npmComparatorsIntersect(a: string, b: string, o: NpmRangeOptions = {}): boolean | undefined {
  try {
    return new Comparator(a, opts(o)).intersects(new Comparator(b, opts(o)), opts(o));
  } catch {
    return undefined;
  }
}

function stripZeroPre(c: Comparator): string {
  const v = c.semver;
  if (c.operator === '<' && v.prerelease.length === 1 && v.prerelease[0] === 0) return `${v.major}.${v.minor}.${v.patch}`;
  return v.version;
}

/** npm range → vers constraints (literal) and meaning (clauses). */
export function npmNative(text: string, o: NpmRangeOptions = {}): NativeResult {
  const r = parseRange(text, o);
  if (typeof r === 'string') return { ok: false, reason: `'${text}' is not a valid npm range: ${r}` };
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  for (const set of r.set) {
    const clause: Spec[] = [];
    for (const c of set) {
      if (c.value === '') {
        return { ok: true, value: { literal: [{ comparator: '*', version: '' }], clauses: [[ANY]], star: true } };
      }
      const version = stripZeroPre(c);
      literal.push(vc(c.operator, version));
      const s = spec(c.operator, version);
      if (!s) return { ok: false, reason: `unsupported npm comparator '${c.value}'` };
      clause.push(s);
    }
    clauses.push(clause);
  }
  return { ok: true, value: { literal, clauses } };
}
