import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpNum, cmpStr, isDigitCode, toNum, type Num } from './numeric.ts';

/**
 * The `generic` scheme: a heuristic for ecosystems without a comparator. Only used when a range
 * or caller declares it; every result computed with it must be reported as generic
 * (`generic: true` on the scheme). Versions split into digit runs (compared numerically) and
 * letter runs (compared case-insensitively); separators only separate. A trailing letter run
 * right after the numbers is treated as a prerelease (1.0rc1 < 1.0), as most ecosystems do.
 */
export type GenericVersion = readonly (Num | string)[];

export function parseGeneric(input: string): ParseResult<GenericVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  const text = input.replace(/^[vV](?=\d)/, '').toLowerCase();
  const parts: (Num | string)[] = [];
  const re = /\d+|[a-z]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) parts.push(isDigitCode(m[0].charCodeAt(0)) ? toNum(m[0]) : m[0]);
  if (parts.length === 0) return { ok: false, reason: 'no digits or letters' };
  return { ok: true, value: parts };
}

export function compareGeneric(a: GenericVersion, b: GenericVersion): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // Missing part: a number is an extension (newer); a letter run is a prerelease (older).
    if (x === undefined) return typeof y === 'string' ? 1 : -1;
    if (y === undefined) return typeof x === 'string' ? -1 : 1;
    if (typeof x === 'string') {
      if (typeof y === 'string') return cmpStr(x, y);
      return -1;
    }
    if (typeof y === 'string') return 1;
    const c = cmpNum(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export const genericScheme: VersionScheme<GenericVersion> = {
  id: 'generic',
  parse: parseGeneric,
  compareParsed: compareGeneric,
  generic: true,
};
