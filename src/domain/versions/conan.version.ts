import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpStr, isAllDigits, toNum, type Num } from './numeric.ts';

/**
 * Conan 2 versions (conans/model/version.py): `main[-pre][+build]` where the build is split at
 * the last `+` and the prerelease at the last `-`; each part is a dot-separated list of items,
 * numbers compared numerically, strings as strings, a number against a string by their text.
 * Trailing zero items are ignored (1 = 1.0 = 1.0.0). A prerelease sorts before its release, and
 * a version without build before one with a build.
 *
 * Note: Conan's mixed number/string item order is not transitive for some inputs (2 < 10,
 * "10" < "1a" as text, "1a" < "2" as text); Vigil keeps Conan's order rather than invent another.
 */
export interface ConanVersion {
  readonly items: readonly (Num | string)[];
  readonly pre: ConanVersion | undefined;
  readonly build: ConanVersion | undefined;
  readonly text: string;
}

function parseInner(text: string): ConanVersion {
  let rest = text;
  let build: ConanVersion | undefined;
  let pre: ConanVersion | undefined;
  const plus = rest.lastIndexOf('+');
  if (plus >= 0) {
    build = parseInner(rest.slice(plus + 1));
    rest = rest.slice(0, plus);
  }
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) {
    pre = parseInner(rest.slice(dash + 1));
    rest = rest.slice(0, dash);
  }
  const items: (Num | string)[] = rest.split('.').map((p) => (isAllDigits(p) ? toNum(p) : p));
  while (items.length > 0 && items[items.length - 1] === 0) items.pop();
  return { items, pre, build, text };
}

export function parseConan(input: string): ParseResult<ConanVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  return { ok: true, value: parseInner(input) };
}

function cmpItem(a: Num | string, b: Num | string): Ordering {
  if (typeof a === 'string' || typeof b === 'string') return cmpStr(String(a), String(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpItems(a: readonly (Num | string)[], b: readonly (Num | string)[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const c = cmpItem(x, y);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** `None` sorts before any version (how Conan's tuples compare a missing build). */
function cmpOptional(a: ConanVersion | undefined, b: ConanVersion | undefined): Ordering {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return compareConan(a, b);
}

export function compareConan(a: ConanVersion, b: ConanVersion): Ordering {
  const main = cmpItems(a.items, b.items);
  if (main !== 0) return main;
  if (a.pre !== undefined || b.pre !== undefined) {
    if (a.pre === undefined) return 1;
    if (b.pre === undefined) return -1;
    const p = compareConan(a.pre, b.pre);
    if (p !== 0) return p;
  }
  return cmpOptional(a.build, b.build);
}

export const conanScheme: VersionScheme<ConanVersion> = { id: 'conan', parse: parseConan, compareParsed: compareConan, format: (v) => v.text };
