/**
 * Cargo version requirements (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html):
 * comma-separated comparators that all hold; a bare version is a caret requirement
 * (`1.2.3` = `^1.2.3`); `~`, `=`, `<`, `<=`, `>`, `>=`, wildcards `*`, `1.*`, `1.2.*`.
 * Partial versions are padded with zeros for lower bounds; `=1.2` means `>=1.2.0, <1.3.0`.
 */
import type { VersConstraint } from '../vers.ts';
import { ANY, spec, vc, type NativeResult, type Spec } from './common.ts';

interface Partial {
  readonly parts: number[];
  readonly pre: string;
}

function parsePartial(text: string): Partial | undefined {
  const m = /^(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!m) return undefined;
  const parts: number[] = [];
  for (const g of [m[1], m[2], m[3]]) {
    if (g === undefined || g === '*') break;
    parts.push(Number(g));
  }
  return { parts, pre: m[4] ?? '' };
}

function full(p: Partial): string {
  const ps = [...p.parts];
  while (ps.length < 3) ps.push(0);
  return `${ps.join('.')}${p.pre}`;
}

function upper(parts: number[], index: number): string {
  const ps = parts.slice(0, index + 1);
  ps[index] = ps[index]! + 1;
  while (ps.length < 3) ps.push(0);
  return ps.join('.');
}

export function cargoNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clause: Spec[] = [];
  const conds = text.split(',').map((c) => c.trim());
  for (const cond of conds) {
    if (!cond) return { ok: false, reason: `empty requirement in '${text}'` };
    const m = /^(>=|<=|>|<|=|~|\^)?\s*(.+)$/.exec(cond)!;
    const op = m[1] ?? '^';
    const raw = m[2]!.trim();
    if (raw === '*') {
      if (m[1]) return { ok: false, reason: `'${cond}': '*' takes no operator` };
      literal.push({ comparator: '*', version: '' });
      clause.push(ANY);
      continue;
    }
    const p = parsePartial(raw);
    if (!p || p.parts.length === 0) return { ok: false, reason: `'${cond}' is not a valid Cargo requirement` };
    const lo = full(p);
    const n = p.parts.length;
    const wildcard = raw.includes('*');
    let hi: string | undefined;
    if (op === '^' && !wildcard) {
      const first = p.parts.findIndex((x) => x !== 0);
      hi = upper(p.parts, first < 0 ? n - 1 : Math.min(first, n - 1));
    } else if (op === '~') hi = upper(p.parts, n > 1 ? 1 : 0);
    else if (op === '^') hi = upper(p.parts, n - 1); // wildcard: 1.* → <2.0.0, 1.2.* → <1.3.0
    else if (op === '=' && n < 3) hi = upper(p.parts, n - 1);
    if (hi !== undefined) {
      literal.push(vc('>=', lo), vc('<', hi));
      clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: hi, inclusive: false } }]);
      continue;
    }
    if (n < 3 && (op === '<=' || op === '>')) {
      // <=1.2 means <1.3.0; >1.2 means >=1.3.0
      const next = upper(p.parts, n - 1);
      const c = op === '<=' ? '<' : '>=';
      literal.push(vc(c, next));
      clause.push(spec(c, next)!);
      continue;
    }
    literal.push(vc(op, lo));
    clause.push(spec(op, lo)!);
  }
  return { ok: true, value: { literal, clauses: [clause] } };
}
