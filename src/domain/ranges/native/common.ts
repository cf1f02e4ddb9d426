/**
 * Shared model for native range → vers converters.
 *
 * A converter returns two things:
 * - `literal`: the constraints a native range spells out, in the order and form the vers-spec
 *   conversion tests expect (each comparator translated, nothing merged);
 * - `clauses`: the exact meaning, as a union (`||`) of clauses, each clause the intersection
 *   of its specifiers, each specifier a union of simple intervals.
 * `nativeToVers` prints the literal form sorted, or the canonical form computed from the
 * meaning (merged, deduplicated, always a valid vers).
 */
import type { VersConstraint } from '../vers.ts';
import type { CachedScheme } from '../schemes.ts';

export interface NativeBound {
  readonly version: string;
  readonly inclusive: boolean;
}

/** A simple interval; a missing side is unbounded. */
export interface NativeInterval {
  readonly lo?: NativeBound;
  readonly hi?: NativeBound;
}

/** One specifier's meaning: a union of simple intervals. */
export type Spec = readonly NativeInterval[];

export interface NativeRange {
  readonly literal: readonly VersConstraint[];
  /** Union of clauses; each clause is the intersection of its specs. Empty list = no version. */
  readonly clauses: readonly (readonly Spec[])[];
  /** True when the literal form is `*`. */
  readonly star?: boolean;
}

export type NativeResult = { readonly ok: true; readonly value: NativeRange } | { readonly ok: false; readonly reason: string };

export const ANY: Spec = [{}];

export function spec(comparator: string, version: string): Spec | undefined {
  switch (comparator) {
    case '>=':
      return [{ lo: { version, inclusive: true } }];
    case '>':
      return [{ lo: { version, inclusive: false } }];
    case '<=':
      return [{ hi: { version, inclusive: true } }];
    case '<':
      return [{ hi: { version, inclusive: false } }];
    case '=':
    case '==':
    case '':
      return [{ lo: { version, inclusive: true }, hi: { version, inclusive: true } }];
    case '!=':
      return [{ hi: { version, inclusive: false } }, { lo: { version, inclusive: false } }];
    default:
      return undefined;
  }
}

export function between(lo: string, loInclusive: boolean, hi: string, hiInclusive: boolean): Spec {
  return [{ lo: { version: lo, inclusive: loInclusive }, hi: { version: hi, inclusive: hiInclusive } }];
}

/** vers constraint for a comparator as written natively ('==' and '' become '='). */
export function vc(comparator: string, version: string): VersConstraint {
  const c = comparator === '==' || comparator === '' ? '=' : comparator;
  return { comparator: c as VersConstraint['comparator'], version };
}

type Parsed = { lo?: { p: unknown; b: NativeBound }; hi?: { p: unknown; b: NativeBound } };

function parseInterval(iv: NativeInterval, scheme: CachedScheme): Parsed | string {
  const out: Parsed = {};
  if (iv.lo) {
    const p = scheme.parse(iv.lo.version);
    if (!p.ok) return `'${iv.lo.version}' is not a valid ${scheme.id} version: ${p.reason}`;
    out.lo = { p: p.value, b: iv.lo };
  }
  if (iv.hi) {
    const p = scheme.parse(iv.hi.version);
    if (!p.ok) return `'${iv.hi.version}' is not a valid ${scheme.id} version: ${p.reason}`;
    out.hi = { p: p.value, b: iv.hi };
  }
  return out;
}

/** Intersects two unions of intervals. */
function intersect(a: Parsed[], b: Parsed[], scheme: CachedScheme): Parsed[] {
  const out: Parsed[] = [];
  for (const x of a) {
    for (const y of b) {
      let lo = x.lo;
      if (y.lo) {
        if (!lo) lo = y.lo;
        else {
          const o = scheme.compareParsed(y.lo.p, lo.p);
          if (o > 0 || (o === 0 && !y.lo.b.inclusive)) lo = y.lo;
        }
      }
      let hi = x.hi;
      if (y.hi) {
        if (!hi) hi = y.hi;
        else {
          const o = scheme.compareParsed(y.hi.p, hi.p);
          if (o < 0 || (o === 0 && !y.hi.b.inclusive)) hi = y.hi;
        }
      }
      if (lo && hi) {
        const o = scheme.compareParsed(lo.p, hi.p);
        if (o > 0 || (o === 0 && !(lo.b.inclusive && hi.b.inclusive))) continue;
      }
      const r: Parsed = {};
      if (lo) r.lo = lo;
      if (hi) r.hi = hi;
      out.push(r);
    }
  }
  return out;
}

/** The exact meaning of a native range as a union of simple intervals. */
export function rangeIntervals(range: NativeRange, scheme: CachedScheme): { ok: true; value: NativeInterval[] } | { ok: false; reason: string } {
  const out: NativeInterval[] = [];
  for (const clause of range.clauses) {
    let acc: Parsed[] = [{}];
    for (const s of clause) {
      const parsed: Parsed[] = [];
      for (const iv of s) {
        const p = parseInterval(iv, scheme);
        if (typeof p === 'string') return { ok: false, reason: p };
        parsed.push(p);
      }
      acc = intersect(acc, parsed, scheme);
    }
    for (const p of acc) {
      const iv: { lo?: NativeBound; hi?: NativeBound } = {};
      if (p.lo) iv.lo = p.lo.b;
      if (p.hi) iv.hi = p.hi.b;
      out.push(iv);
    }
  }
  return { ok: true, value: out };
}
