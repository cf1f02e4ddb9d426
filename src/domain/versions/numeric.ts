/**
 * Arbitrary-size non-negative integers for version components: a JS number when the value is a
 * safe integer (the common, fast case), a bigint otherwise. `<` and `>` work across both types,
 * and because every value has exactly one representation, `===` is equality.
 */
export type Num = number | bigint;

/** Parses a run of ASCII digits (leading zeros allowed). The caller guarantees `digits` is non-empty and all digits. */
export function toNum(digits: string): Num {
  if (digits.length <= 15) return Number(digits);
  const big = BigInt(digits);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

export function cmpNum(a: Num, b: Num): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAllDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

/** Compares two digit strings numerically without converting them (any length). */
export function cmpDigitStrings(a: string, b: string): -1 | 0 | 1 {
  let i = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  let j = 0;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  const la = a.length - i;
  const lb = b.length - j;
  if (la !== lb) return la < lb ? -1 : 1;
  for (; i < a.length; i++, j++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  return 0;
}

/** Plain code-unit string comparison as an Ordering. */
export function cmpStr(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rejects empty text and text with whitespace or control characters (shared first check). */
export function basicReason(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'not a string';
  if (text.length === 0) return 'empty version';
  if (text.length > 1024) return 'longer than 1024 characters';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127) return `contains whitespace or a control character at position ${i + 1}`;
  }
  return undefined;
}
