import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, toNum, type Num } from './numeric.ts';

/**
 * Hackage (Haskell PVP / Cabal `Data.Version`) versions: one or more non-negative integers
 * separated by dots, compared as lists (so 1.0 > 1: a longer version with an equal prefix is greater).
 */
export type HackageVersion = readonly Num[];

const PATTERN = /^\d+(?:\.\d+)*$/;

export function parseHackage(input: string): ParseResult<HackageVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  if (!PATTERN.test(input)) return { ok: false, reason: 'expected numbers separated by dots (Cabal versions have no tags)' };
  return { ok: true, value: input.split('.').map(toNum) };
}

export function compareNumberLists(a: readonly Num[], b: readonly Num[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const hackageScheme: VersionScheme<HackageVersion> = {
  id: 'hackage',
  parse: parseHackage,
  compareParsed: compareNumberLists,
  format: (v) => v.join('.'),
};
