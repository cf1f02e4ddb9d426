import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, cmpStr, toNum, type Num } from './numeric.ts';

/**
 * OpenSSL release versions: `MAJOR.MINOR.PATCH` numbers (3.x and later) optionally followed by
 * the letter release of the 0.9.x–1.1.1 series (`1.0.2u`, `1.1.1w`, `0.9.8zh`, after `z` come
 * `za`, `zb`…). Numbers compare numerically, then letter releases (none < a < … < z < za …),
 * which is plain string order for these suffixes.
 */
export interface OpensslVersion {
  readonly numbers: readonly Num[];
  readonly letters: string;
}

const PATTERN = /^(\d+(?:\.\d+){0,3})([a-z]*)$/;

export function parseOpenssl(input: string): ParseResult<OpensslVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  const m = PATTERN.exec(input);
  if (!m) return { ok: false, reason: 'expected numbers separated by dots and an optional lower-case letter release (e.g. 1.1.1w, 3.0.13)' };
  return { ok: true, value: { numbers: m[1]!.split('.').map(toNum), letters: m[2]! } };
}

export function compareOpenssl(a: OpensslVersion, b: OpensslVersion): Ordering {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a.numbers[i] ?? 0, b.numbers[i] ?? 0);
    if (c !== 0) return c;
  }
  return cmpStr(a.letters, b.letters);
}

export const opensslScheme: VersionScheme<OpensslVersion> = { id: 'openssl', parse: parseOpenssl, compareParsed: compareOpenssl };
