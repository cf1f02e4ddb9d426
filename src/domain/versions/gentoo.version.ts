import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, cmpStr, toNum, type Num } from './numeric.ts';

/**
 * Gentoo ebuild versions, compared by the algorithm of the Package Manager Specification
 * (PMS §3.2–3.3): `N{.N}[letter]{_suffix[N]}[-rN]`. The first component is numeric; later
 * components starting with `0` are compared as strings with trailing zeros removed; then the
 * letter; then suffixes (_alpha < _beta < _pre < _rc < none < _p; an extra suffix is newer only if it is _p); then the revision (-r0 = none).
 */
export interface GentooVersion {
  readonly components: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly { readonly weight: number; readonly number: Num }[];
  readonly revision: Num;
  readonly text: string;
}

const SUFFIX_WEIGHT: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 5 };
const PATTERN = /^(\d+(?:\.\d+)*)([a-z])?((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/;

export function parseGentoo(input: string): ParseResult<GentooVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  const m = PATTERN.exec(input);
  if (!m) return { ok: false, reason: 'not of the form N{.N}[letter]{_suffix[N]}[-rN] (PMS §3.2)' };
  const suffixes: { weight: number; number: Num }[] = [];
  if (m[3]) {
    for (const part of m[3].split('_').slice(1)) {
      const name = /^[a-z]+/.exec(part)![0];
      const digits = part.slice(name.length);
      suffixes.push({ weight: SUFFIX_WEIGHT[name]!, number: digits ? toNum(digits) : 0 });
    }
  }
  return { ok: true, value: { components: m[1]!.split('.'), letter: m[2] ?? '', suffixes, revision: m[4] ? toNum(m[4]) : 0, text: input } };
}

function stripTrailingZeros(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 48) e--;
  return s.slice(0, e);
}

export function compareGentoo(a: GentooVersion, b: GentooVersion): Ordering {
  const c0 = cmpNum(toNum(a.components[0]!), toNum(b.components[0]!));
  if (c0 !== 0) return c0;
  const n = Math.min(a.components.length, b.components.length);
  for (let i = 1; i < n; i++) {
    const x = a.components[i]!;
    const y = b.components[i]!;
    let c: Ordering;
    if (x.charCodeAt(0) === 48 || y.charCodeAt(0) === 48) c = cmpStr(stripTrailingZeros(x), stripTrailingZeros(y));
    else c = cmpNum(toNum(x), toNum(y));
    if (c !== 0) return c;
  }
  if (a.components.length !== b.components.length) return a.components.length < b.components.length ? -1 : 1;
  if (a.letter !== b.letter) return a.letter < b.letter ? -1 : 1;
  const m = Math.min(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < m; i++) {
    const x = a.suffixes[i]!;
    const y = b.suffixes[i]!;
    if (x.weight !== y.weight) return x.weight < y.weight ? -1 : 1;
    const c = cmpNum(x.number, y.number);
    if (c !== 0) return c;
  }
  if (a.suffixes.length > m) return a.suffixes[m]!.weight === SUFFIX_WEIGHT.p ? 1 : -1;
  if (b.suffixes.length > m) return b.suffixes[m]!.weight === SUFFIX_WEIGHT.p ? -1 : 1;
  return cmpNum(a.revision, b.revision);
}

export const gentooScheme: VersionScheme<GentooVersion> = {
  id: 'gentoo',
  parse: parseGentoo,
  compareParsed: compareGentoo,
  format: (v) => v.text,
};
