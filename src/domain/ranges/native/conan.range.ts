/**
 * Conan 2 version ranges: space-separated conditions that all hold, `||` between
 * alternatives, `~` (tilde: same minor, or same major for one-part versions), `^` (caret:
 * up to the first non-zero part), `*`, and options after a comma (`*, include_prerelease=True`)
 * which do not change the set of released versions and are ignored.
 *
 * Upper bounds computed for `~` and `^` end in `-` (Conan's lowest prerelease of that
 * version, `<2.6-`), as Conan itself does; a trailing `-` written on a lower bound (`>1-`,
 * which only enables prereleases) is dropped.
 */
import type { VersConstraint } from '../vers.ts';
import { ANY, spec, vc, type NativeResult, type Spec } from './common.ts';

function upperBound(version: string, index: number): string {
  const main = version.split('-')[0]!.split('.');
  const n = Number(main[index] ?? '0');
  const kept = main.slice(0, index);
  kept.push(String(Number.isFinite(n) ? n + 1 : 1));
  return `${kept.join('.')}-`;
}

export function conanNative(text: string): NativeResult {
  const expr = text.split(',')[0]!.trim();
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  if (!expr) return { ok: false, reason: 'empty Conan version range' };
  for (const alt of expr.split('||')) {
    const conds = alt.trim().split(/\s+/).filter(Boolean);
    if (conds.length === 0) return { ok: false, reason: `empty alternative in '${text}'` };
    const clause: Spec[] = [];
    for (const cond of conds) {
      const m = /^(>=|<=|>|<|=|~|\^)?(.*)$/.exec(cond)!;
      const op = m[1] ?? '';
      let version = m[2]!;
      if (version === '*' || version === '*-') {
        if (op && op !== '>=') return { ok: false, reason: `'${cond}' is not a valid Conan condition` };
        literal.push(vc('>=', '0.0.0'));
        clause.push(ANY);
        continue;
      }
      if (!version) return { ok: false, reason: `'${cond}' has no version` };
      if (op === '~' || op === '^') {
        const lo = version.replace(/-$/, '');
        const main = lo.split('-')[0]!.split('.');
        let index: number;
        if (op === '~') index = main.length > 1 ? 1 : 0;
        else {
          index = main.findIndex((p) => Number(p) !== 0);
          if (index < 0) index = main.length - 1;
        }
        const hi = upperBound(lo, index);
        literal.push(vc('>=', lo), vc('<', hi));
        clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: hi, inclusive: false } }]);
        continue;
      }
      if (op === '>' || op === '>=' || op === '' || op === '=') version = version.replace(/-$/, '');
      literal.push(vc(op, version));
      clause.push(spec(op, version)!);
    }
    clauses.push(clause);
  }
  return { ok: true, value: { literal, clauses } };
}
