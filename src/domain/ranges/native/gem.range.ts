/**
 * RubyGems requirements: `=`, `!=`, `>`, `<`, `>=`, `<=`, `~>` (pessimistic), comma-separated,
 * all must hold. `~> 2.0.8` is `>= 2.0.8` and `< 2.1` (Gem::Version#bump: prerelease parts and
 * the last release part dropped, then the new last part incremented).
 */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

const OPS = ['~>', '>=', '<=', '!=', '>', '<', '='] as const;

function gemBump(version: string): string | undefined {
  const segs = version.split('.');
  const firstAlpha = segs.findIndex((s) => /[a-zA-Z]/.test(s));
  const release = firstAlpha >= 0 ? segs.slice(0, firstAlpha) : segs;
  if (release.length === 0 || !release.every((s) => /^\d+$/.test(s))) return undefined;
  const kept = release.length > 1 ? release.slice(0, -1) : release;
  const last = Number(kept[kept.length - 1]!) + 1;
  return [...kept.slice(0, -1), String(last)].join('.');
}

export function gemNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clause: Spec[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim().replace(/^['"]|['"]$/g, '');
    if (!part) return { ok: false, reason: `empty requirement in '${text}'` };
    const op = OPS.find((o) => part.startsWith(o)) ?? '=';
    const version = part.slice(part.startsWith(op) ? op.length : 0).trim();
    if (!version || /\s/.test(version)) return { ok: false, reason: `requirement '${part}' has no single version` };
    if (op === '~>') {
      const hi = gemBump(version);
      if (!hi) return { ok: false, reason: `'${part}': cannot compute the pessimistic upper bound` };
      literal.push(vc('>=', version), vc('<', hi));
      clause.push([{ lo: { version, inclusive: true }, hi: { version: hi, inclusive: false } }]);
      continue;
    }
    literal.push(vc(op, version));
    clause.push(spec(op, version)!);
  }
  return { ok: true, value: { literal, clauses: [clause] } };
}
