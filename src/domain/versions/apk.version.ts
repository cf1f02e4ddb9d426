import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpNum, cmpStr, isDigitCode, toNum, type Num } from './numeric.ts';

/**
 * Alpine Linux (apk-tools) versions: `number{.number}…{letter}{_suffix{number}}…{~hash}{-r#}`
 * (apk-package(5)). Suffix order: alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p.
 * Components after the first that start with `0` compare as strings (apk's "fractional" rule).
 *
 * `apk version -t` also orders malformed versions, and Alpine's own data contains some; like OSV,
 * a malformed version is accepted and ordered by its well-formed prefix, with two malformed
 * versions ordered as plain strings. `malformed` says why, so callers can flag the result.
 */
export interface ApkVersion {
  readonly original: string;
  readonly components: readonly { readonly text: string; readonly value: Num }[];
  readonly letter: string;
  readonly suffixes: readonly { readonly weight: number; readonly number: Num }[];
  readonly hash: string;
  readonly build: Num;
  /** Text left over after the last recognised part (compared only for presence). */
  readonly remainder: string;
  readonly malformed: string | undefined;
  /** The tail is not a `-r` release: two such versions are ordered as plain strings. */
  readonly unreadable: boolean;
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NO_SUFFIX = { weight: 4, number: 0 as Num };

function readDigits(s: string, i: number): number {
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  return i;
}

export function parseApk(input: string): ParseResult<ApkVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  const s = input;
  let i = 0;
  const components: { text: string; value: Num }[] = [];
  // number{.number}
  let j = readDigits(s, 0);
  if (j > 0) {
    components.push({ text: s.slice(0, j), value: toNum(s.slice(0, j)) });
    i = j;
    while (i < s.length && s.charCodeAt(i) === 46) {
      j = readDigits(s, i + 1);
      if (j === i + 1) break;
      components.push({ text: s.slice(i + 1, j), value: toNum(s.slice(i + 1, j)) });
      i = j;
    }
  }
  let letter = '';
  const lc = s.charCodeAt(i);
  if (lc >= 97 && lc <= 122) {
    letter = s[i]!;
    i++;
  }
  const suffixes: { weight: number; number: Num }[] = [];
  while (i < s.length && s.charCodeAt(i) === 95) {
    let matched = -1;
    for (let k = 0; k < SUFFIXES.length; k++) {
      const name = SUFFIXES[k]!;
      if (name !== '' && s.startsWith(name, i + 1)) {
        matched = k;
        break;
      }
    }
    if (matched < 0) break;
    const start = i + 1 + SUFFIXES[matched]!.length;
    const end = readDigits(s, start);
    suffixes.push({ weight: matched, number: end > start ? toNum(s.slice(start, end)) : 0 });
    i = end;
  }
  let hash = '';
  if (s.charCodeAt(i) === 126) {
    let k = i + 1;
    while (k < s.length && /[0-9a-f]/.test(s[k]!)) k++;
    if (k > i + 1) {
      hash = s.slice(i + 1, k);
      i = k;
    }
  }
  let build: Num = 0;
  let malformed: string | undefined;
  let unreadable = false;
  if (i < s.length) {
    unreadable = !s.startsWith('-r', i);
    if (!unreadable) {
      const end = readDigits(s, i + 2);
      if (end > i + 2) build = toNum(s.slice(i + 2, end));
      i = end;
      if (i < s.length) malformed = `unexpected '${s.slice(i)}' after the release number`;
    } else malformed = `unexpected '${s.slice(i)}'`;
  }
  if (components.length === 0 && !malformed) malformed = 'does not start with a number';
  else if (components.length === 0) malformed = `does not start with a number; ${malformed}`;
  return { ok: true, value: { original: s, components, letter, suffixes, hash, build, remainder: s.slice(i), malformed, unreadable } };
}

const ZERO = { text: '0', value: 0 as Num };

export function compareApk(a: ApkVersion, b: ApkVersion): Ordering {
  if (a.unreadable && b.unreadable) return cmpStr(a.original, b.original);
  const n = Math.max(a.components.length, b.components.length);
  for (let k = 0; k < n; k++) {
    const x = a.components[k];
    const y = b.components[k];
    const cx = x ?? ZERO;
    const cy = y ?? ZERO;
    let c: Ordering;
    if (k !== 0 && x !== undefined && y !== undefined && (cx.text.charCodeAt(0) === 48 || cy.text.charCodeAt(0) === 48)) c = cmpStr(cx.text, cy.text);
    else c = cmpNum(cx.value, cy.value);
    if (c !== 0) return c;
  }
  if (a.letter !== b.letter) {
    if (a.letter === '') return -1;
    if (b.letter === '') return 1;
    return cmpStr(a.letter, b.letter);
  }
  const m = Math.max(a.suffixes.length, b.suffixes.length);
  for (let k = 0; k < m; k++) {
    const x = a.suffixes[k] ?? NO_SUFFIX;
    const y = b.suffixes[k] ?? NO_SUFFIX;
    if (x.weight !== y.weight) return x.weight < y.weight ? -1 : 1;
    const c = cmpNum(x.number, y.number);
    if (c !== 0) return c;
  }
  const c = cmpNum(a.build, b.build);
  if (c !== 0) return c;
  if (a.remainder === '' && b.remainder !== '') return 1;
  if (a.remainder !== '' && b.remainder === '') return -1;
  return 0;
}

export const apkScheme: VersionScheme<ApkVersion> = { id: 'apk', parse: parseApk, compareParsed: compareApk };
