import type { Ordering } from './scheme.ts';
import { isAsciiLetterCode, isDigitCode } from './numeric.ts';

/**
 * rpm's `rpmvercmp` (rpmio/rpmvercmp.c, rpm ≥ 4.15): separators (anything but ASCII letters,
 * digits, `~` and `^`) are skipped; `~` sorts before anything, even the end of the string; `^`
 * sorts after the end of the string but before anything else; then alternating digit runs
 * (numeric, leading zeros ignored, a digit run beats a letter run) and letter runs (strcmp).
 */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let ai = 0;
  let bi = 0;
  const la = a.length;
  const lb = b.length;
  for (;;) {
    while (ai < la && isSeparator(a.charCodeAt(ai))) ai++;
    while (bi < lb && isSeparator(b.charCodeAt(bi))) bi++;
    const ca = ai < la ? a.charCodeAt(ai) : -1;
    const cb = bi < lb ? b.charCodeAt(bi) : -1;
    if (ca === 126 || cb === 126) {
      if (ca !== 126) return 1;
      if (cb !== 126) return -1;
      ai++;
      bi++;
      continue;
    }
    if (ca === 94 || cb === 94) {
      if (ca !== 94) return ai >= la ? -1 : 1;
      if (cb !== 94) return bi >= lb ? 1 : -1;
      ai++;
      bi++;
      continue;
    }
    if (ai >= la || bi >= lb) break;
    const numeric = isDigitCode(ca);
    const sa = ai;
    const sb = bi;
    if (numeric) {
      while (ai < la && isDigitCode(a.charCodeAt(ai))) ai++;
      while (bi < lb && isDigitCode(b.charCodeAt(bi))) bi++;
    } else {
      while (ai < la && isAsciiLetterCode(a.charCodeAt(ai))) ai++;
      while (bi < lb && isAsciiLetterCode(b.charCodeAt(bi))) bi++;
    }
    if (bi === sb) return numeric ? 1 : -1;
    if (numeric) {
      let za = sa;
      while (za < ai && a.charCodeAt(za) === 48) za++;
      let zb = sb;
      while (zb < bi && b.charCodeAt(zb) === 48) zb++;
      const lenA = ai - za;
      const lenB = bi - zb;
      if (lenA !== lenB) return lenA < lenB ? -1 : 1;
      for (let k = 0; k < lenA; k++) {
        const x = a.charCodeAt(za + k);
        const y = b.charCodeAt(zb + k);
        if (x !== y) return x < y ? -1 : 1;
      }
    } else {
      const n = Math.min(ai - sa, bi - sb);
      for (let k = 0; k < n; k++) {
        const x = a.charCodeAt(sa + k);
        const y = b.charCodeAt(sb + k);
        if (x !== y) return x < y ? -1 : 1;
      }
      if (ai - sa !== bi - sb) return ai - sa < bi - sb ? -1 : 1;
    }
  }
  if (ai >= la && bi >= lb) return 0;
  return ai >= la ? -1 : 1;
}

function isSeparator(c: number): boolean {
  return !isDigitCode(c) && !isAsciiLetterCode(c) && c !== 126 && c !== 94;
}
