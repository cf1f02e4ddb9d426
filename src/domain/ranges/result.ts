/**
 * The answer to "is this version in this range?". A version or range that cannot be parsed
 * under its scheme is `indeterminate` with a reason — never `not-affected`.
 */
export type RangeStatus = 'affected' | 'not-affected' | 'indeterminate';

export interface RangeResult {
  readonly status: RangeStatus;
  /** One sentence a PSIRT analyst can read, naming the version, the bounds and the scheme. */
  readonly reason: string;
  /** The scheme the comparison used (a SchemeId), when one was used. */
  readonly scheme?: string;
  /** The part of the range that decided the answer, e.g. `>=1.0.0|<1.2.5` or `=1.4.0`. */
  readonly matched?: string;
}

export function affected(reason: string, scheme?: string, matched?: string): RangeResult {
  return withOptional({ status: 'affected', reason }, scheme, matched);
}

export function notAffected(reason: string, scheme?: string, matched?: string): RangeResult {
  return withOptional({ status: 'not-affected', reason }, scheme, matched);
}

export function indeterminate(reason: string, scheme?: string): RangeResult {
  return withOptional({ status: 'indeterminate', reason }, scheme, undefined);
}

function withOptional(base: { status: RangeStatus; reason: string }, scheme?: string, matched?: string): RangeResult {
  const r: { status: RangeStatus; reason: string; scheme?: string; matched?: string } = base;
  if (scheme !== undefined) r.scheme = scheme;
  if (matched !== undefined) r.matched = matched;
  return r;
}
