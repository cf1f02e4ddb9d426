/**
 * nginx security advisories: comma-separated items, each a version (`0.9.10`), a range
 * (`0.7.52-0.8.39`), or `X.Y.Z+`. nginx's stable branches have an even minor number: on a
 * stable branch `1.4.1+` means the later releases of that branch (`>=1.4.1|<1.5.0`); on a
 * mainline branch (odd minor) `1.5.0+` means every later version.
 */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

export function nginxNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) return { ok: false, reason: `empty item in '${text}'` };
    if (item.endsWith('+')) {
      const v = item.slice(0, -1);
      const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(v);
      if (!m) return { ok: false, reason: `'${item}' is not a valid nginx version` };
      const minor = Number(m[2]);
      if (minor % 2 === 0) {
        const hi = `${m[1]}.${minor + 1}.0`;
        literal.push(vc('>=', v), vc('<', hi));
        clauses.push([[{ lo: { version: v, inclusive: true }, hi: { version: hi, inclusive: false } }]]);
      } else {
        literal.push(vc('>=', v));
        clauses.push([spec('>=', v)!]);
      }
      continue;
    }
    const dash = /^(\d+(?:\.\d+)*)-(\d+(?:\.\d+)*)$/.exec(item);
    if (dash) {
      literal.push(vc('>=', dash[1]!), vc('<=', dash[2]!));
      clauses.push([[{ lo: { version: dash[1]!, inclusive: true }, hi: { version: dash[2]!, inclusive: true } }]]);
      continue;
    }
    if (!/^\d+(?:\.\d+)*$/.test(item)) return { ok: false, reason: `'${item}' is not a valid nginx version or range` };
    literal.push(vc('=', item));
    clauses.push([spec('=', item)!]);
  }
  return { ok: true, value: { literal, clauses } };
}
