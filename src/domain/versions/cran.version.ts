import type { ParseResult, VersionScheme } from './scheme.ts';
import { toNum, type Num } from './numeric.ts';
import { compareNumberLists } from './hackage.version.ts';

/**
 * CRAN (R `package_version`) versions: at least two non-negative integers separated by `.` or
 * `-` (which weigh the same), compared as lists of numbers; with an equal prefix the longer
 * version is greater (0.1.0 < 0.1.0.0). Leading zeros are ignored (0.01 = 0.1).
 */
export type CranVersion = readonly Num[];

const PATTERN = /^\d+(?:[.-]\d+)+$/;

export function parseCran(input: string): ParseResult<CranVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  if (!PATTERN.test(input)) return { ok: false, reason: "expected at least two numbers separated by '.' or '-'" };
  return { ok: true, value: input.split(/[.-]/).map(toNum) };
}

export const cranScheme: VersionScheme<CranVersion> = {
  id: 'cran',
  parse: parseCran,
  compareParsed: compareNumberLists,
  format: (v) => v.join('.'),
};
