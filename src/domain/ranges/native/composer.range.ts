/**
 * Composer (Packagist) constraints: `||` (or `|`) between alternatives; within one, conditions
 * separated by blanks or commas all hold; hyphen ranges `1.0 - 2.0`; wildcards `1.0.*`;
 * `^` (next significant release) and `~` (next significant release, last given part may vary);
 * `v` prefixes and `@stability` flags are dropped.
 */
import type { VersConstraint } from '../vers.ts';
import { ANY, spec, vc, type NativeResult, type Spec } from './common.ts';

function clean(v: string): string {
  return v.replace(/@[a-zA-Z]+$/, '').replace(/^v(?=\d)/i, '');
}

function parts(v: string): number[] | undefined {
  const m = /^(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

function join(ns: number[]): string {
  return ns.join('.');
}

export function composerNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  const alts = text.split(/\s*\|\|?\s*/);
  for (const altRaw of alts) {
    const alt = altRaw.trim();
    if (!alt) return { ok: false, reason: `empty alternative in '${text}'` };
    const clause: Spec[] = [];
    const hy = /^(\S+)\s+-\s+(\S+)$/.exec(alt);
    if (hy) {
      const lo = clean(hy[1]!);
      const hiRaw = clean(hy[2]!);
      const hp = parts(hiRaw);
      if (!parts(lo) || !hp) return { ok: false, reason: `'${alt}' is not a valid Composer range` };
      literal.push(vc('>=', lo));
      if (hp.length < 3 && hiRaw === join(hp)) {
        const up = hp.slice();
        up[up.length - 1]! += 1;
        literal.push(vc('<', join(up)));
        clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: join(up), inclusive: false } }]);
      } else {
        literal.push(vc('<=', hiRaw));
        clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: hiRaw, inclusive: true } }]);
      }
      clauses.push(clause);
      continue;
    }
    for (const condRaw of alt.split(/[\s,]+/).filter(Boolean)) {
      const m = /^(>=|<=|!=|==|<>|>|<|=|\^|~)?(.*)$/.exec(condRaw)!;
      const op = m[1] === '<>' ? '!=' : (m[1] ?? '');
      const v = clean(m[2]!);
      if (v === '*' || v === 'x') {
        literal.push({ comparator: '*', version: '' });
        clause.push(ANY);
        continue;
      }
      const wild = /^(\d+(?:\.\d+)*)\.[*x]$/.exec(v);
      if (wild && (op === '' || op === '=' || op === '==')) {
        const p = wild[1]!.split('.').map(Number);
        const up = p.slice();
        up[up.length - 1]! += 1;
        literal.push(vc('>=', join(p)), vc('<', join(up)));
        clause.push([{ lo: { version: join(p), inclusive: true }, hi: { version: join(up), inclusive: false } }]);
        continue;
      }
      const p = parts(v);
      if (!p) return { ok: false, reason: `'${condRaw}' is not a valid Composer constraint` };
      if (op === '^' || op === '~') {
        let up: number[];
        if (op === '^') {
          let idx = p.findIndex((x) => x !== 0);
          if (idx < 0) idx = p.length - 1;
          up = p.slice(0, idx + 1);
          up[idx]! += 1;
        } else {
          up = p.length > 1 ? p.slice(0, -1) : p.slice();
          up[up.length - 1]! += 1;
        }
        const hi = join(up);
        literal.push(vc('>=', v), vc('<', hi));
        clause.push([{ lo: { version: v, inclusive: true }, hi: { version: hi, inclusive: false } }]);
        continue;
      }
      literal.push(vc(op, v));
      clause.push(spec(op === '==' ? '=' : op, v)!);
    }
    clauses.push(clause);
  }
  return { ok: true, value: { literal, clauses } };
}
