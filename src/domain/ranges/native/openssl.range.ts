/** OpenSSL advisories list affected versions one by one, comma-separated (`3.0.0, 1.0.1b`). */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

export function opensslNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clauses: Spec[][] = [];
  for (const raw of text.split(',')) {
    const v = raw.trim();
    if (!/^\d+\.\d+\.\d+[a-z]*$|^\d+\.\d+[a-z]*$/.test(v)) return { ok: false, reason: `'${v}' is not a valid OpenSSL version` };
    literal.push(vc('=', v));
    clauses.push([spec('=', v)!]);
  }
  return { ok: true, value: { literal, clauses } };
}
