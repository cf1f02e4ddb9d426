import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, cmpStr, isDigitCode, toNum, type Num } from './numeric.ts';

/**
 * RubyGems versions (Gem::Version): segments are the digit and letter runs of the version
 * (`1.0.a10` → 1, 0, "a", 10; `-` stands for `.pre.`). Comparison uses the canonical segments
 * (trailing zeros removed from the numeric part and from the part after the first letter run),
 * padding the shorter with 0; a number beats a string (so any letter segment makes a prerelease),
 * strings compare as strings. Parsing is slightly more lenient than Gem::Version (a letter may
 * follow a digit without a dot, as in `1beta`, which OSV's RubyGems data uses).
 */
export type GemVersion = readonly (Num | string)[];

const VALID = /^[0-9]+[0-9A-Za-z.-]*$/;

export function parseGem(input: string): ParseResult<GemVersion> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'empty version' };
  if (!VALID.test(text)) return { ok: false, reason: 'must start with a digit and contain only letters, digits, dots and hyphens' };
  const segs: (Num | string)[] = [];
  const re = /[0-9]+|[a-z]+/gi;
  const normalised = text.replace(/-/g, '.pre.');
  for (let m = re.exec(normalised); m; m = re.exec(normalised)) segs.push(isDigitCode(m[0].charCodeAt(0)) ? toNum(m[0]) : m[0]);
  // canonical_segments: numeric head and the rest, each without trailing zeros
  let firstString = segs.findIndex((s) => typeof s === 'string');
  if (firstString < 0) firstString = segs.length;
  const head = segs.slice(0, firstString);
  const tail = segs.slice(firstString);
  while (head.length > 0 && head[head.length - 1] === 0) head.pop();
  while (tail.length > 0 && tail[tail.length - 1] === 0) tail.pop();
  return { ok: true, value: [...head, ...tail] };
}

export function compareGem(a: GemVersion, b: GemVersion): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'string') {
      if (typeof y === 'string') return cmpStr(x, y);
      return -1;
    }
    if (typeof y === 'string') return 1;
    return cmpNum(x, y);
  }
  return 0;
}

export const gemScheme: VersionScheme<GemVersion> = { id: 'gem', parse: parseGem, compareParsed: compareGem, format: (v) => (v.length === 0 ? '0' : typeof v[0] === 'string' ? `0.${v.join('.')}` : v.join('.')) };
