/**
 * Hex (Elixir/Erlang) requirements: `and`/`or`, `==`, `!=`, `>`, `>=`, `<`, `<=`, and `~>`:
 * `~> 2.0.8` is `>= 2.0.8 and < 2.1.0`, `~> 2.1` is `>= 2.1.0 and < 3.0.0`.
 */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

function pad(v: string): string {
  const m = /^(\d+(?:\.\d+)*)(.*)$/.exec(v);
  if (!m) return v;
  const ps = m[1]!.split('.');
  while (ps.length < 3) ps.push('0');
  return `${ps.join('.')}${m[2]}`;
}

export function hexNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  for (const alt of text.split(/\s+or\s+/)) {
    const clause: Spec[] = [];
    for (const condRaw of alt.split(/\s+and\s+/)) {
      const cond = condRaw.trim();
      const m = /^(~>|==|!=|>=|<=|>|<)?\s*(\d[^\s]*)$/.exec(cond);
      if (!m) return { ok: false, reason: `'${cond}' is not a valid Hex requirement` };
      const op = m[1] ?? '==';
      const v = m[2]!;
      if (op === '~>') {
        const release = v.split('-')[0]!.split('.').map(Number);
        if (release.length < 2 || release.some((x) => !Number.isInteger(x))) return { ok: false, reason: `'${cond}': ~> needs MAJOR.MINOR at least` };
        const hiParts = release.length >= 3 ? [release[0]!, release[1]! + 1, 0] : [release[0]! + 1, 0, 0];
        const lo = pad(v);
        const hi = hiParts.join('.');
        literal.push(vc('>=', lo), vc('<', hi));
        clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: hi, inclusive: false } }]);
        continue;
      }
      const c = op === '==' ? '=' : op;
      literal.push(vc(c, pad(v)));
      clause.push(spec(c, pad(v))!);
    }
    clauses.push(clause);
  }
  return { ok: true, value: { literal, clauses } };
}
