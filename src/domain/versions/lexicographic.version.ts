import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';

/**
 * vers-spec `lexicographic`: versions are opaque strings ordered by their UTF-8 bytes, with no
 * Unicode normalisation. UTF-8 byte order equals Unicode code point order, which differs from
 * JavaScript's UTF-16 code unit order only for astral characters, so those are compared by code point.
 */
export function parseLexicographic(input: string): ParseResult<string> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  if (input.length === 0) return { ok: false, reason: 'empty version' };
  return { ok: true, value: input };
}

export function compareCodePoints(a: string, b: string): Ordering {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (U+D800–U+DFFF) encodes a code point above U+FFFF, which sorts after U+E000–U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? (y >= 0xe000 ? 1 : x < y ? -1 : 1) : x >= 0xe000 ? -1 : x < y ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const lexicographicScheme: VersionScheme<string> = {
  id: 'lexicographic',
  parse: parseLexicographic,
  compareParsed: compareCodePoints,
  format: (v) => v,
};
