/**
 * PyPI version specifiers (PEP 440): `~=`, `==`, `!=`, `<=`, `>=`, `<`, `>`, `===`, and
 * `.*` prefix matching for `==`/`!=`. Specifiers are comma-separated and all must hold.
 *
 * Prefix matches and the compatible-release operator become exact intervals using `.dev0`,
 * the lowest version of a release (`==1.2.*` → `>=1.2.dev0|<1.3.dev0`). The special rules
 * of pip's `<V`/`>V` for pre- and post-releases of V itself are not modelled: vers compares
 * by order only, as the vers-spec pypi tests expect.
 */
import type { VersConstraint } from '../vers.ts';
import { spec, vc, type NativeResult, type Spec } from './common.ts';

const OPS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'] as const;

/** Splits `1!2.3.4` into epoch prefix and release numbers; undefined if the release is not numeric. */
function releaseOf(version: string): { epoch: string; release: number[] } | undefined {
  let v = version.trim().toLowerCase().replace(/^v/, '');
  let epoch = '';
  const bang = v.indexOf('!');
  if (bang >= 0) {
    epoch = v.slice(0, bang + 1);
    v = v.slice(bang + 1);
  }
  const m = /^(\d+(?:\.\d+)*)/.exec(v);
  if (!m) return undefined;
  return { epoch, release: m[1]!.split('.').map((x) => Number(x)) };
}

function bump(release: number[]): number[] {
  const out = release.slice();
  out[out.length - 1] = out[out.length - 1]! + 1;
  return out;
}

export function pypiNative(text: string): NativeResult {
  const literal: VersConstraint[] = [];
  const clause: Spec[] = [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') return { ok: false, reason: 'empty PyPI specifier' };
  for (const part of parts) {
    if (part === '') return { ok: false, reason: `empty specifier in '${text}'` };
    const op = OPS.find((o) => part.startsWith(o)) ?? '';
    const version = part.slice(op.length).trim();
    if (version === '') return { ok: false, reason: `specifier '${part}' has no version` };
    if (/\s/.test(version)) return { ok: false, reason: `specifier '${part}' has blanks inside the version` };
    if (version.endsWith('.*')) {
      if (op !== '==' && op !== '!=') return { ok: false, reason: `'.*' is only allowed with == and != ('${part}')` };
      const rel = releaseOf(version.slice(0, -2));
      if (!rel || rel.release.join('.') !== version.slice(0, -2).replace(/^v/i, '').replace(/^\d+!/, '')) {
        return { ok: false, reason: `'${part}': a prefix match must be a release number followed by .*` };
      }
      const lo = `${rel.epoch}${rel.release.join('.')}.dev0`;
      const hi = `${rel.epoch}${bump(rel.release).join('.')}.dev0`;
      if (op === '==') {
        literal.push(vc('>=', lo), vc('<', hi));
        clause.push([{ lo: { version: lo, inclusive: true }, hi: { version: hi, inclusive: false } }]);
      } else {
        literal.push(vc('<', lo), vc('>=', hi));
        clause.push([{ hi: { version: lo, inclusive: false } }, { lo: { version: hi, inclusive: true } }]);
      }
      continue;
    }
    if (op === '~=') {
      const rel = releaseOf(version);
      if (!rel || rel.release.length < 2) return { ok: false, reason: `'${part}': ~= needs a version with at least two release numbers` };
      const hi = `${rel.epoch}${bump(rel.release.slice(0, -1)).join('.')}.dev0`;
      literal.push(vc('>=', version), vc('<', hi));
      clause.push([{ lo: { version, inclusive: true }, hi: { version: hi, inclusive: false } }]);
      continue;
    }
    const c = op === '===' || op === '' ? '==' : op;
    const s = spec(c, version);
    if (!s) return { ok: false, reason: `unsupported operator in '${part}'` };
    literal.push(vc(c, version));
    clause.push(s);
  }
  return { ok: true, value: { literal, clauses: [clause] } };
}
