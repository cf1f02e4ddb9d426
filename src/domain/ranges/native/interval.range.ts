/**
 * Interval notation used by NuGet and Maven: `[1.0,2.0)`, `(,1.0]`, `[1.0,)`, `[1.0]`.
 * Maven allows several intervals separated by commas (a union), NuGet one. A bare version
 * means "at least this version" in NuGet and is read as that exact version for Maven (in
 * advisories a bare Maven version names one release; as a dependency it is only a soft
 * preference).
 */
import type { VersConstraint } from '../vers.ts';
import { vc, type NativeInterval, type NativeResult, type Spec } from './common.ts';

export function intervalNative(text: string, flavour: 'nuget' | 'maven'): NativeResult {
  const s = text.replace(/\s+/g, '');
  if (!s) return { ok: false, reason: `empty ${flavour} range` };
  if (!/^[[(]/.test(s)) {
    if (/[[\]()]/.test(s) || s.includes(',')) return { ok: false, reason: `'${text}' is not a valid ${flavour} range` };
    if (flavour === 'nuget') return { ok: true, value: { literal: [vc('>=', s)], clauses: [[[{ lo: { version: s, inclusive: true } }]]] } };
    return { ok: true, value: { literal: [vc('=', s)], clauses: [[[{ lo: { version: s, inclusive: true }, hi: { version: s, inclusive: true } }]]] } };
  }
  const literal: VersConstraint[] = [];
  const union: NativeInterval[] = [];
  let i = 0;
  while (i < s.length) {
    const open = s[i];
    if (open !== '[' && open !== '(') return { ok: false, reason: `'${text}': expected '[' or '(' at position ${i + 1}` };
    const closeAt = s.slice(i).search(/[\])]/);
    if (closeAt < 0) return { ok: false, reason: `'${text}': interval is not closed` };
    const close = s[i + closeAt]!;
    const inner = s.slice(i + 1, i + closeAt);
    i += closeAt + 1;
    if (i < s.length) {
      if (s[i] !== ',' || flavour === 'nuget') return { ok: false, reason: `'${text}': ${flavour === 'nuget' ? 'NuGet allows one interval' : 'intervals must be separated by commas'}` };
      i++;
      if (i >= s.length) return { ok: false, reason: `'${text}': trailing comma` };
    }
    const comma = inner.indexOf(',');
    if (comma < 0) {
      if (open !== '[' || close !== ']' || !inner) return { ok: false, reason: `'${text}': an exact version must be written [x]` };
      literal.push(vc('=', inner));
      union.push({ lo: { version: inner, inclusive: true }, hi: { version: inner, inclusive: true } });
      continue;
    }
    if (inner.indexOf(',', comma + 1) >= 0) return { ok: false, reason: `'${text}': an interval has at most two bounds` };
    const lo = inner.slice(0, comma);
    const hi = inner.slice(comma + 1);
    if (!lo && !hi) return { ok: false, reason: `'${text}': an interval needs at least one bound` };
    if ((!lo && open === '[') || (!hi && close === ']')) return { ok: false, reason: `'${text}': an unbounded side must use '(' or ')'` };
    const iv: { lo?: { version: string; inclusive: boolean }; hi?: { version: string; inclusive: boolean } } = {};
    if (lo) {
      iv.lo = { version: lo, inclusive: open === '[' };
      literal.push(vc(open === '[' ? '>=' : '>', lo));
    }
    if (hi) {
      iv.hi = { version: hi, inclusive: close === ']' };
      literal.push(vc(close === ']' ? '<=' : '<', hi));
    }
    union.push(iv);
  }
  const clauses: Spec[][] = union.map((iv) => [[iv]]);
  return { ok: true, value: { literal, clauses } };
}
