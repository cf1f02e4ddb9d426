import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpNum, isAllDigits, toNum, type Num } from './numeric.ts';

/**
 * Composer / Packagist versions, ordered as PHP's `version_compare` (which Composer uses after
 * normalising): a leading `v` is dropped, `-`, `_` and `+` become `.`, a `.` is inserted where
 * digits and non-digits meet, then parts compare pairwise: numbers numerically, special words by
 * rank (any other word < dev < alpha = a < beta = b < RC = rc < # < pl = p, matched by prefix),
 * a number ranking as `#`. With an equal prefix, a longer version is greater if its next part is
 * a number, otherwise its remaining parts are compared with `#`.
 */
export type ComposerVersion = readonly (Num | string)[];

export function canonicalComposer(text: string): string[] {
  let v = text.replace(/^[vV]/, '');
  v = v.replace(/[-_+]/g, '.');
  v = v.replace(/([^\d.])(\d)/g, '$1.$2');
  v = v.replace(/(\d)([^\d.])/g, '$1.$2');
  return v.split('.').filter((p) => p.length > 0);
}

export function parseComposer(input: string): ParseResult<ComposerVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  const parts = canonicalComposer(input);
  if (parts.length === 0) return { ok: false, reason: 'no version parts' };
  return { ok: true, value: parts.map((p) => (isAllDigits(p) ? toNum(p) : p)) };
}

const SPECIAL: readonly [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function rank(part: string): number {
  for (const [name, order] of SPECIAL) if (part.startsWith(name)) return order;
  return -1;
}

const NUMBER_RANK = 4;

function partRank(p: Num | string): number {
  return typeof p === 'string' ? rank(p) : NUMBER_RANK;
}

function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function compareComposer(a: ComposerVersion, b: ComposerVersion): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let c: Ordering;
    if (typeof x !== 'string' && typeof y !== 'string') c = cmpNum(x, y);
    else c = sign(partRank(x) - partRank(y));
    if (c !== 0) return c;
  }
  if (a.length > n) return typeof a[n] !== 'string' ? 1 : compareComposer(a.slice(n), ['#']);
  if (b.length > n) return typeof b[n] !== 'string' ? -1 : compareComposer(['#'], b.slice(n));
  return 0;
}

export const composerScheme: VersionScheme<ComposerVersion> = { id: 'composer', parse: parseComposer, compareParsed: compareComposer };
