/**
 * Go modules have no range syntax of their own; advisories and tools write comparator lists
 * such as `>=v1.2.0, <v1.2.5` (`,` or blanks: all hold; `||` between alternatives). Versions
 * are kept as written (with their `v`).
 */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

export function golangNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  for (const alt of text.split('||')) {
    const conds = alt.split(/[\s,]+/).filter(Boolean);
    if (conds.length === 0) return { ok: false, reason: `empty alternative in '${text}'` };
    const clause: Spec[] = [];
    for (const cond of conds) {
      const m = /^(>=|<=|!=|==|>|<|=)?(v?\d[^\s]*)$/.exec(cond);
      if (!m) return { ok: false, reason: `'${cond}' is not a Go version constraint` };
      const op = m[1] === '==' ? '=' : (m[1] ?? '=');
      literal.push(vc(op, m[2]!));
      clause.push(spec(op, m[2]!)!);
    }
    clauses.push(clause);
  }
  return { ok: true, value: { literal, clauses } };
}
