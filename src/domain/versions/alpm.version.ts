import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, isAsciiLetterCode, isDigitCode } from './numeric.ts';

/**
 * Arch Linux (libalpm) versions `[epoch:]pkgver[-pkgrel]`, compared like pacman's
 * `alpm_pkg_vercmp`: epochs, then versions, then releases only when both have one, each with
 * pacman's own `rpmvercmp` variant (no `~`/`^` rules; a longer run of separators wins; at the end
 * a remaining letter run is older and a remaining digit run newer).
 */
export interface AlpmVersion {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

export function parseAlpm(input: string): ParseResult<AlpmVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  let i = 0;
  while (i < input.length && isDigitCode(input.charCodeAt(i))) i++;
  let epoch = '0';
  let rest = input;
  if (i < input.length && input.charCodeAt(i) === 58) {
    epoch = i === 0 ? '0' : input.slice(0, i);
    rest = input.slice(i + 1);
  }
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (version.length === 0) return { ok: false, reason: 'pkgver is empty' };
  return { ok: true, value: { epoch, version, release } };
}

function isAlnum(c: number): boolean {
  return isDigitCode(c) || isAsciiLetterCode(c);
}

/** pacman's lib/libalpm/version.c rpmvercmp. */
export function alpmVercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  let p1 = 0;
  let p2 = 0;
  while (one < a.length && two < b.length) {
    while (one < a.length && !isAlnum(a.charCodeAt(one))) one++;
    while (two < b.length && !isAlnum(b.charCodeAt(two))) two++;
    if (one >= a.length || two >= b.length) break;
    if (one - p1 !== two - p2) return one - p1 < two - p2 ? -1 : 1;
    p1 = one;
    p2 = two;
    const numeric = isDigitCode(a.charCodeAt(p1));
    if (numeric) {
      while (p1 < a.length && isDigitCode(a.charCodeAt(p1))) p1++;
      while (p2 < b.length && isDigitCode(b.charCodeAt(p2))) p2++;
    } else {
      while (p1 < a.length && isAsciiLetterCode(a.charCodeAt(p1))) p1++;
      while (p2 < b.length && isAsciiLetterCode(b.charCodeAt(p2))) p2++;
    }
    if (two === p2) return numeric ? 1 : -1;
    let x = a.slice(one, p1);
    let y = b.slice(two, p2);
    if (numeric) {
      x = x.replace(/^0+/, '');
      y = y.replace(/^0+/, '');
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    }
    if (x !== y) return x < y ? -1 : 1;
    one = p1;
    two = p2;
  }
  if (one >= a.length && two >= b.length) return 0;
  if ((one >= a.length && !isAsciiLetterCode(b.charCodeAt(two))) || (one < a.length && isAsciiLetterCode(a.charCodeAt(one)))) return -1;
  return 1;
}

export function compareAlpm(a: AlpmVersion, b: AlpmVersion): Ordering {
  const e = alpmVercmp(a.epoch, b.epoch);
  if (e !== 0) return e;
  const v = alpmVercmp(a.version, b.version);
  if (v !== 0 || a.release === undefined || b.release === undefined) return v;
  return alpmVercmp(a.release, b.release);
}

export const alpmScheme: VersionScheme<AlpmVersion> = {
  id: 'alpm',
  parse: parseAlpm,
  compareParsed: compareAlpm,
  format: (v) => `${v.epoch === '0' ? '' : `${v.epoch}:`}${v.version}${v.release === undefined ? '' : `-${v.release}`}`,
};
